import type { MetaDescriptor } from 'react-router'

/** Search engines show about this many characters of a description; longer ones are cut mid-word. */
export const DESCRIPTION_MAX = 160

/** One line of at most `max` characters, cut at a word with "…" when longer. */
export function clipDescription(text: string, max = DESCRIPTION_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:(–-]+$/, '')}…`
}

/**
 * A page's `<title>` ("… · Rembuk") and `<meta name="description">`, for a route's meta function:
 * `export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title, data?.description)`.
 * The loader writes the description in the reader's language (`meta.*` in app/i18n/catalogues/meta.ts).
 */
export function pageMeta(title: string | null | undefined, description?: string | null): MetaDescriptor[] {
  const tags: MetaDescriptor[] = [{ title: title ? `${title} · Rembuk` : 'Rembuk' }]
  if (description) tags.push({ name: 'description', content: clipDescription(description) })
  return tags
}
