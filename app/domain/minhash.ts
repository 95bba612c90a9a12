// Near-duplicate detection for inputs: normalised text, word shingles, MinHash signatures and
// LSH band buckets. Pure functions, no I/O; the rules for grouping live in duplicates.server.ts
// (docs/decisions/013-duplicates-and-themes.md explains the numbers).

/** Words per shingle. */
export const SHINGLE_SIZE = 3
/** Hash functions per signature. */
export const SIGNATURE_LENGTH = 128
/** LSH bands × rows per band = SIGNATURE_LENGTH. */
export const BANDS = 32
export const ROWS_PER_BAND = SIGNATURE_LENGTH / BANDS
/** Shingle-set Jaccard similarity from which two inputs are the same text with small edits. */
export const NEAR_DUPLICATE_THRESHOLD = 0.7
/**
 * Signatures estimating less than this are not worth checking against the real shingle sets.
 * With 128 hash functions the estimate's standard deviation is at most 0.045 around 0.7, so a
 * true 0.7 pair falls below 0.55 less than once in 10^3 (3.3 standard deviations).
 */
export const ESTIMATE_PREFILTER = 0.55

/**
 * Lower case, Unicode NFKC (full-width letters, ligatures and the like become plain letters),
 * every run of characters that is not a letter or digit becomes one space. Indonesian
 * reduplication ("pegawai-pegawai") keeps both words; letters with diacritics stay letters.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('id')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function words(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ')
}

/**
 * Overlapping runs of `size` words. A text shorter than that is one shingle of all its words, so
 * short texts match only when identical.
 */
export function shingles(normalised: string, size = SHINGLE_SIZE): Set<string> {
  const w = words(normalised)
  const out = new Set<string>()
  if (w.length === 0) return out
  if (w.length <= size) {
    out.add(w.join(' '))
    return out
  }
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '))
  return out
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let inter = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const s of small) if (large.has(s)) inter++
  return inter / (a.size + b.size - inter)
}

/** 32-bit FNV-1a over the string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** MurmurHash3's finaliser: a bijection on 32 bits that spreads every input bit. */
function mix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Fixed seeds (SplitMix32 from a constant): signatures stored years apart stay comparable. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_LENGTH)
  let state = 0x52454d42 // "REMB"
  for (let i = 0; i < SIGNATURE_LENGTH; i++) {
    state = (state + 0x9e3779b9) >>> 0
    seeds[i] = mix32(state)
  }
  return seeds
})()

const EMPTY_SLOT = 0xffffffff

/**
 * One minimum per hash function h_i(x) = mix32(fnv1a(x) XOR seed_i): the probability that two
 * sets share slot i is their Jaccard similarity.
 */
export function minhash(shingleSet: Set<string>): number[] {
  const sig = new Array<number>(SIGNATURE_LENGTH).fill(EMPTY_SLOT)
  for (const s of shingleSet) {
    const base = fnv1a(s)
    for (let i = 0; i < SIGNATURE_LENGTH; i++) {
      const v = mix32((base ^ SEEDS[i]) >>> 0)
      if (v < sig[i]) sig[i] = v
    }
  }
  return sig
}

/** Share of slots two signatures agree on: an unbiased estimate of the sets' Jaccard similarity. */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  let same = 0
  for (let i = 0; i < SIGNATURE_LENGTH; i++) if (a[i] === b[i]) same++
  return same / SIGNATURE_LENGTH
}

/**
 * One bucket per band: inputs sharing any bucket are candidates. With 32 bands of 4 rows a pair
 * at similarity s becomes a candidate with probability 1 − (1 − s⁴)³²: 0.99985 at 0.7,
 * 0.99999995 at 0.8, and 0.13 at 0.2.
 */
export function bandBuckets(signature: readonly number[]): string[] {
  const out: string[] = []
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x811c9dc5 ^ b
    let h2 = 0x2545f491 ^ b
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      const v = signature[b * ROWS_PER_BAND + r]
      h1 = mix32((h1 ^ v) >>> 0)
      h2 = mix32((h2 + Math.imul(v, 0x27d4eb2d)) >>> 0)
    }
    out.push(h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0'))
  }
  return out
}

/** The text two inputs are compared on: what they propose and why. */
export function comparableText(input: { proposed_text: string; reason: string }): string {
  return normaliseText(`${input.proposed_text}\n${input.reason}`)
}
