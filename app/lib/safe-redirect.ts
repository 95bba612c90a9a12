// Resolving against a fixed origin shows where a browser would go: anything that leaves it is
// another site, however it was written ("//evil", "/\evil", "/\t/evil", "https:evil").
const HERE = 'http://rembuk.invalid'

// Browsers drop tabs and newlines from URLs ("/\t/evil" becomes "//evil") and read "\" as "/".
const UNSAFE = /[\u0000-\u001f\u007f\\]/

/**
 * A path inside the portal to send the reader back to, or `fallback`. Only a value written as a
 * path ("/…", not "//…") that stays on this origin after URL parsing is accepted, and what is
 * returned is the parsed path, query and fragment: never the raw text, so never CR/LF in a header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || UNSAFE.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, HERE)
  } catch {
    return fallback
  }
  if (url.origin !== HERE) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
