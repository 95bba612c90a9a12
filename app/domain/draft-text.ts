/**
 * Turns a plain text into draft sections: a short line standing alone is a heading, the
 * paragraphs under it are its body. Used by the demo seed and by the draft import.
 */

export interface ParsedSection {
  key: string
  heading: string
  body: string
}

export interface ParsedDraft {
  /** The first heading, when it is immediately followed by another heading. */
  title: string | null
  sections: ParsedSection[]
  /** Lines dropped as web-page residue. */
  dropped: string[]
}

const RESIDUE = [
  /^leave a (reply|comment)\b/i,
  /^your email address will not be published/i,
  /^required fields are marked/i,
  /^(share|bagikan)( this)?:?$/i,
  /^(related posts|artikel terkait|baca juga)\b/i,
  /^(posted|diposting) (in|on|pada|oleh)\b/i,
]

const MAX_HEADING_LENGTH = 120

function isHeading(line: string): boolean {
  if (line.length > MAX_HEADING_LENGTH) return false
  if (/[.!?;,]$/.test(line)) return false
  return line.split(/\s+/).length <= 16
}

/** A readable URL-safe slug (lowercase ASCII, hyphens, at most 60 characters), or `fallback`. */
export function slugify(text: string, fallback: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return base || fallback
}

export function sectionKey(heading: string): string {
  return slugify(heading, 'bagian')
}

export function uniqueKey(base: string, taken: Set<string>): string {
  let key = base
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`
  taken.add(key)
  return key
}

export function parsePlainTextDraft(text: string): ParsedDraft {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
  const kept: string[] = []
  const dropped: string[] = []
  for (const line of lines) {
    if (line === '') continue
    if (RESIDUE.some((re) => re.test(line))) dropped.push(line)
    else kept.push(line)
  }

  let title: string | null = null
  if (kept.length >= 2 && isHeading(kept[0]) && isHeading(kept[1])) title = kept.shift()!

  const sections: ParsedSection[] = []
  const taken = new Set<string>()
  let current: { heading: string; paragraphs: string[] } | null = null
  const flush = () => {
    if (!current) return
    sections.push({
      key: uniqueKey(sectionKey(current.heading), taken),
      heading: current.heading,
      body: current.paragraphs.join('\n\n'),
    })
  }
  for (const line of kept) {
    if (isHeading(line)) {
      flush()
      current = { heading: line, paragraphs: [] }
    } else {
      if (!current) current = { heading: '', paragraphs: [] }
      current.paragraphs.push(line)
    }
  }
  flush()
  return { title, sections, dropped }
}
