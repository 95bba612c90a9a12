/**
 * Redlines between two versions of a draft: section by section (matched by stable key) and
 * word by word inside a section. Pure: no database, no interface words, safe on client and server.
 */
import { diffArrays } from 'diff'

export interface RedlineSectionInput {
  key: string
  heading: string
  body: string
}

export type WordOpType = 'equal' | 'insert' | 'delete'

/** One run of text: kept, inserted or deleted. Equal and delete runs rebuild the old text; equal and insert the new. */
export interface WordOp {
  type: WordOpType
  text: string
}

export type SectionStatus = 'added' | 'removed' | 'changed' | 'unchanged'

export interface SectionChange {
  /** The section's stable key: what inputs, themes and responses link a change to. */
  key: string
  /** Fragment id of this change on the comparison page. */
  anchor: string
  status: SectionStatus
  /** Changed place relative to the other sections kept in both versions. */
  moved: boolean
  /** The heading changed (the key, and so the section, stayed the same). */
  renamed: boolean
  /** 1-based place in the old version, or null when added. */
  fromPosition: number | null
  /** 1-based place in the new version, or null when removed. */
  toPosition: number | null
  fromHeading: string | null
  toHeading: string | null
  headingOps: WordOp[]
  bodyOps: WordOp[]
  /**
   * An added section most of whose text was taken from another section (a split), or a removed
   * section most of whose text went into another (a merge): that other section's key.
   */
  textFrom: string | null
  textMovedTo: string | null
}

export interface RedlineSummary {
  changed: number
  added: number
  removed: number
  moved: number
  renamed: number
  unchanged: number
}

export interface Redline {
  sections: SectionChange[]
  summary: RedlineSummary
}

export const anchorFor = (key: string) => `perubahan-${key}`

// A word is letters, marks and digits, joined by inner hyphens or apostrophes ("pegawai-pegawai",
// "ke-2") and by separators between digits ("5.000.000", "2,5"); every other non-space character
// ("(", ";", "/") is a token of its own, and each run of white space is one token.
const TOKEN =
  /[\p{L}\p{M}\p{N}]+(?:(?:[-\u2010\u2011'\u2019]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{M}\p{N}]+)*|\s+|[^\s\p{L}\p{M}\p{N}]/gu

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

const isSpace = (s: string) => /^\s+$/.test(s)

// The alignment costs about (tokens × edits). Past this budget the texts have too little in common
// for a word-by-word redline to help: show one deletion and one insertion instead, and keep the
// page fast whatever the size of the section.
const DIFF_BUDGET = 30_000_000
const MAX_EDIT_LENGTH = 4000

/**
 * Word-level diff. Built on jsdiff's array diff over our own tokens so that equal runs are
 * byte-identical (the ops rebuild both texts exactly), then tidied for reading: inside a change
 * the deletion comes first, and white space alone between two changes joins them, so
 * "a b" → "x y" reads as one replacement rather than two with a kept space between.
 */
export function diffWords(from: string, to: string): WordOp[] {
  if (from === to) return from === '' ? [] : [{ type: 'equal', text: from }]
  const a = tokenize(from)
  const b = tokenize(to)
  const maxEditLength = Math.max(50, Math.min(MAX_EDIT_LENGTH, Math.floor(DIFF_BUDGET / (a.length + b.length))))
  const changes = diffArrays(a, b, { maxEditLength })
  const raw: WordOp[] = changes
    ? changes.map((c) => ({ type: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value.join('') }))
    : [
        { type: 'delete', text: from },
        { type: 'insert', text: to },
      ]
  return tidy(raw)
}

function tidy(ops: WordOp[]): WordOp[] {
  // Absorb white-space-only equal runs that sit between two changes into both sides.
  const absorbed: WordOp[] = []
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]
    const prev = absorbed.at(-1)
    const next = ops[i + 1]
    if (op.type === 'equal' && isSpace(op.text) && prev && prev.type !== 'equal' && next && next.type !== 'equal') {
      absorbed.push({ type: 'delete', text: op.text }, { type: 'insert', text: op.text })
    } else {
      absorbed.push(op)
    }
  }
  // Merge each run of changes into at most one deletion followed by one insertion.
  const out: WordOp[] = []
  let del = ''
  let ins = ''
  const flush = () => {
    if (del) out.push({ type: 'delete', text: del })
    if (ins) out.push({ type: 'insert', text: ins })
    del = ''
    ins = ''
  }
  for (const op of absorbed) {
    if (op.text === '') continue
    if (op.type === 'delete') del += op.text
    else if (op.type === 'insert') ins += op.text
    else {
      flush()
      const last = out.at(-1)
      if (last?.type === 'equal') last.text += op.text
      else out.push({ ...op })
    }
  }
  flush()
  return out
}

/** The old text (equal + delete) or the new text (equal + insert) the ops were made from. */
export function textFromOps(ops: WordOp[], side: 'from' | 'to'): string {
  const skip: WordOpType = side === 'from' ? 'insert' : 'delete'
  return ops
    .filter((op) => op.type !== skip)
    .map((op) => op.text)
    .join('')
}

/**
 * Indexes (into `seq`) of one longest strictly increasing subsequence, in O(n log n).
 * Among equally long ones it keeps the elements that come earliest in the new order.
 */
export function longestIncreasingSubsequence(seq: number[]): Set<number> {
  const tails: number[] = [] // tails[k]: index in seq of the smallest tail of an increasing run of length k+1
  const parent: number[] = new Array(seq.length).fill(-1)
  for (let i = 0; i < seq.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (seq[tails[mid]] < seq[i]) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) parent[i] = tails[lo - 1]
    tails[lo] = i
  }
  const kept = new Set<number>()
  for (let i = tails.length ? tails[tails.length - 1] : -1; i !== -1; i = parent[i]) kept.add(i)
  return kept
}

const words = (text: string) =>
  tokenize(text)
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .map((t) => t.toLowerCase())

// Runs of three words: text copied from one section to another keeps nearly all of them, while
// sections that merely share vocabulary keep few. Linear in the text, so cheap for many sections.
function shingles(text: string): Set<string> {
  const w = words(text)
  const out = new Set<string>()
  if (w.length < 3) {
    if (w.length) out.add(w.join(' '))
    return out
  }
  for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`)
  return out
}

// A split or merge is named only when most of the text is clearly traceable.
const TRACE_THRESHOLD = 0.6
const TRACE_MIN_WORDS = 3

interface TraceCandidate {
  key: string
  shingles: Set<string>
}

function traceText(text: string, candidates: TraceCandidate[]): string | null {
  if (words(text).length < TRACE_MIN_WORDS) return null
  const mine = shingles(text)
  let best: { key: string; share: number } | null = null
  for (const c of candidates) {
    if (c.shingles.size === 0) continue
    let found = 0
    for (const shingle of mine) if (c.shingles.has(shingle)) found++
    const share = found / mine.size
    if (share >= TRACE_THRESHOLD && (!best || share > best.share)) best = { key: c.key, share }
  }
  return best?.key ?? null
}

/**
 * The redline from one version's sections to another's, in reading order. Keys are unique within
 * a version (the database holds them so).
 */
export function computeRedline(from: RedlineSectionInput[], to: RedlineSectionInput[]): Redline {
  const fromIndex = new Map(from.map((s, i) => [s.key, i]))
  const toIndex = new Map(to.map((s, i) => [s.key, i]))

  // Sections kept in both, in the new order; those off the longest run that kept its old order moved.
  const kept = to.map((s, i) => ({ key: s.key, toPos: i, fromPos: fromIndex.get(s.key) })).filter((k) => k.fromPos !== undefined)
  const stay = longestIncreasingSubsequence(kept.map((k) => k.fromPos!))
  const movedKeys = new Set(kept.filter((_, i) => !stay.has(i)).map((k) => k.key))

  const changes = new Map<string, SectionChange>()
  for (const s of to) {
    const i = fromIndex.get(s.key)
    const old = i === undefined ? null : from[i]
    const headingOps = diffWords(old?.heading ?? '', s.heading)
    const bodyOps = diffWords(old?.body ?? '', s.body)
    const renamed = old !== null && old.heading !== s.heading
    changes.set(s.key, {
      key: s.key,
      anchor: anchorFor(s.key),
      status: old === null ? 'added' : renamed || old.body !== s.body ? 'changed' : 'unchanged',
      moved: movedKeys.has(s.key),
      renamed,
      fromPosition: i === undefined ? null : i + 1,
      toPosition: toIndex.get(s.key)! + 1,
      fromHeading: old?.heading ?? null,
      toHeading: s.heading,
      headingOps,
      bodyOps,
      textFrom: null,
      textMovedTo: null,
    })
  }
  for (const [i, s] of from.entries()) {
    if (toIndex.has(s.key)) continue
    changes.set(s.key, {
      key: s.key,
      anchor: anchorFor(s.key),
      status: 'removed',
      moved: false,
      renamed: false,
      fromPosition: i + 1,
      toPosition: null,
      fromHeading: s.heading,
      toHeading: null,
      headingOps: diffWords(s.heading, ''),
      bodyOps: diffWords(s.body, ''),
      textFrom: null,
      textMovedTo: null,
    })
  }

  // Splits: an added section's text found among what other sections lost.
  const all = [...changes.values()]
  const hasAdded = all.some((c) => c.status === 'added')
  const hasRemoved = all.some((c) => c.status === 'removed')
  const lostText = hasAdded ? all.map((c) => ({ key: c.key, shingles: shingles(opsText(c.bodyOps, 'delete')) })) : []
  const gainedText = hasRemoved ? all.map((c) => ({ key: c.key, shingles: shingles(opsText(c.bodyOps, 'insert')) })) : []
  for (const c of changes.values()) {
    if (c.status === 'added') {
      c.textFrom = traceText(textFromOps(c.bodyOps, 'to'), lostText.filter((l) => l.key !== c.key))
    } else if (c.status === 'removed') {
      c.textMovedTo = traceText(textFromOps(c.bodyOps, 'from'), gainedText.filter((g) => g.key !== c.key))
    }
  }

  return { sections: readingOrder(from, to, changes, movedKeys), summary: summarise([...changes.values()]) }
}

function opsText(ops: WordOp[], type: 'insert' | 'delete'): string {
  return ops
    .filter((op) => op.type === type)
    .map((op) => op.text)
    .join(' ')
}

// The new order, each removed section placed after the nearest earlier section that is still
// there and did not move (so it stays where the reader last saw it), or first when there is none.
function readingOrder(
  from: RedlineSectionInput[],
  to: RedlineSectionInput[],
  changes: Map<string, SectionChange>,
  movedKeys: Set<string>,
): SectionChange[] {
  const toKeys = new Set(to.map((s) => s.key))
  const after = new Map<string | null, SectionChange[]>()
  let anchor: string | null = null
  for (const s of from) {
    if (toKeys.has(s.key)) {
      if (!movedKeys.has(s.key)) anchor = s.key
      continue
    }
    const list = after.get(anchor) ?? []
    list.push(changes.get(s.key)!)
    after.set(anchor, list)
  }
  const ordered: SectionChange[] = [...(after.get(null) ?? [])]
  for (const s of to) ordered.push(changes.get(s.key)!, ...(after.get(s.key) ?? []))
  return ordered
}

function summarise(changes: SectionChange[]): RedlineSummary {
  const count = (f: (c: SectionChange) => boolean) => changes.filter(f).length
  return {
    changed: count((c) => c.status === 'changed'),
    added: count((c) => c.status === 'added'),
    removed: count((c) => c.status === 'removed'),
    moved: count((c) => c.moved),
    renamed: count((c) => c.renamed),
    unchanged: count((c) => c.status === 'unchanged' && !c.moved),
  }
}

export interface TextFragment {
  type: WordOpType
  text: string
  /** A paragraph break that was inserted or deleted, shown as a mark at the end of the paragraph. */
  paragraphBreak?: true
}

const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/

/**
 * Ops laid out as paragraphs for reading: a blank line in any run starts a new paragraph, and an
 * inserted or deleted break leaves a mark so the change is not lost.
 */
export function toParagraphs(ops: WordOp[]): TextFragment[][] {
  const paragraphs: TextFragment[][] = [[]]
  for (const op of ops) {
    op.text.split(PARAGRAPH_BREAK).forEach((part, i) => {
      if (i > 0) {
        if (op.type !== 'equal') paragraphs.at(-1)!.push({ type: op.type, text: '', paragraphBreak: true })
        paragraphs.push([])
      }
      if (part) paragraphs.at(-1)!.push({ type: op.type, text: part })
    })
  }
  return paragraphs.filter((p) => p.length > 0)
}

/** True when the two versions read the same: nothing added, removed, changed or moved. */
export function isIdentical(summary: RedlineSummary): boolean {
  return summary.changed + summary.added + summary.removed + summary.moved === 0
}
