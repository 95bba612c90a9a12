/** The start of a text, cut at a word, for lists: "…" marks the cut. */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`
}

/** An input's words for a list: what it proposes, then why. */
export function inputExcerpt(input: { proposed_text: string; reason: string }, max = 220): string {
  return excerpt(input.proposed_text ? `${input.proposed_text} — ${input.reason}` : input.reason, max)
}
