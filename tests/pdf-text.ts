import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** Reads a PDF the way a text extractor or screen reader does: text, metadata, tags, links. */
export async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise
  const pages: string[] = []
  const structTrees: unknown[] = []
  const links: string[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''))
    structTrees.push(await page.getStructTree())
    for (const a of await page.getAnnotations()) if (a.url) links.push(a.url as string)
  }
  const meta = await pdf.getMetadata()
  const markInfo = await pdf.getMarkInfo()
  const fonts = new Set<string>()
  await pdf.destroy()
  return { pages, text: pages.join('\n'), structTrees, links, info: meta.info as Record<string, unknown>, markInfo, fonts }
}

/** Every role in a structure tree, depth first. */
export function roles(tree: unknown): string[] {
  const out: string[] = []
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (node.role) out.push(node.role)
    for (const child of node.children ?? []) walk(child)
  }
  walk(tree)
  return out
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}
