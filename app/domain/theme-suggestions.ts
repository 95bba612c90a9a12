import { Stemmer } from 'sastrawijs'
import { ind as indonesianStopwords } from 'stopword'
import { normaliseText } from '~/domain/minhash'

// Theme suggestions from the inputs' words: Indonesian stop words and stemming, TF-IDF weights,
// then a greedy cover of the inputs not yet in a theme, each cluster seeded by its strongest
// keyword and tightened around its centroid (docs/decisions/013-duplicates-and-themes.md).

/**
 * Words that appear in nearly every input of a civil-service policy consultation and so say
 * nothing about what an input is about: the subject itself (ASN, pegawai, kebijakan), the
 * draft's own vocabulary (pasal, ayat, rancangan), the act of giving input (usul, masukan) and
 * stance (setuju, dukung, tolak: how, not what about).
 * Left in, they would be every consultation's first "theme". Compared on the surface word and on
 * its stem (so "kepegawaian" and "kebijakannya" go too).
 */
export const DOMAIN_STOPWORDS = [
  'asn',
  'pns',
  'pppk',
  'pegawai',
  'kepegawaian',
  'kebijakan',
  'bijak',
  'pasal',
  'ayat',
  'huruf',
  'bab',
  'rancangan',
  'rancang',
  'draf',
  'draft',
  'peraturan',
  'atur',
  'daerah',
  'pemerintah',
  'perintah',
  'pemda',
  'kabupaten',
  'kota',
  'usul',
  'usulan',
  'masukan',
  'masuk',
  'saran',
  'mohon',
  'tolong',
  'sebaiknya',
  'setuju',
  'dukung',
  'tolak',
]

const STOP = new Set([...indonesianStopwords, ...DOMAIN_STOPWORDS])
// Stems are checked against the domain list only: the general list holds words like "umum"
// that are also the stem of content words ("pengumuman").
const DOMAIN_STOP = new Set(DOMAIN_STOPWORDS)
const stemmer = new Stemmer()
// Stemming is the slow step (≈20 µs a word); an input's vocabulary repeats, so remember words.
const stemCache = new Map<string, string>()

function stem(word: string): string {
  const known = stemCache.get(word)
  if (known !== undefined) return known
  const s = stemmer.stem(word)
  if (stemCache.size > 100_000) stemCache.clear()
  stemCache.set(word, s)
  return s
}

/** Content-word stems of a text, each with the surface word it came from. */
export function keywordTokens(text: string): { stem: string; word: string }[] {
  const out: { stem: string; word: string }[] = []
  for (const word of normaliseText(text).split(' ')) {
    if (word.length < 3 || /^\p{N}+$/u.test(word) || STOP.has(word)) continue
    const s = stem(word)
    if (s.length < 3 || DOMAIN_STOP.has(s)) continue
    out.push({ stem: s, word })
  }
  return out
}

export interface SuggestionDoc {
  /** The inputs this text stands for: one input, or the published members of a duplicate group. */
  inputIds: number[]
  /** Of those, the ones not yet in a theme: what a suggestion may cover. */
  unassignedIds: number[]
  text: string
}

export interface ThemeSuggestion {
  /** The seed keyword's stem: stable for the same inputs. */
  key: string
  /** Readable words for the top stems, strongest first. */
  keywords: string[]
  label: string
  inputIds: number[]
}

export const SUGGESTION_DEFAULTS = {
  limit: 8,
  /** A suggestion covers at least this many inputs. */
  minInputs: 2,
  /** Keywords in more than this share of texts do not tell texts apart. */
  maxDocumentShare: 0.6,
  /** A text joins a cluster when its cosine similarity to the cluster's centroid reaches this. */
  minSimilarity: 0.2,
  /** Label keywords must appear in at least this share of the cluster's texts. */
  labelShare: 0.3,
}

type Vector = Map<string, number>

function cosine(a: Vector, b: Vector, bNorm: number): number {
  if (bNorm === 0) return 0
  let dot = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const [k, v] of small) {
    const w = large.get(k)
    if (w !== undefined) dot += v * w
  }
  return dot / bNorm // a is unit length
}

function centroidOf(members: number[], vectors: Vector[], weights: number[]): { c: Vector; norm: number } {
  const c: Vector = new Map()
  for (const i of members) for (const [k, v] of vectors[i]) c.set(k, (c.get(k) ?? 0) + v * weights[i])
  let sq = 0
  for (const v of c.values()) sq += v * v
  return { c, norm: Math.sqrt(sq) }
}

function capitalise(s: string) {
  return s.charAt(0).toLocaleUpperCase('id') + s.slice(1)
}

export function suggestFromDocs(docs: SuggestionDoc[], options: Partial<typeof SUGGESTION_DEFAULTS> = {}): ThemeSuggestion[] {
  const o = { ...SUGGESTION_DEFAULTS, ...options }
  const n = docs.length
  if (n === 0) return []

  const termFreqs: Map<string, number>[] = []
  // Where in its text a stem first appears (0 = start, 1 = end), to put label words in reading order.
  const firstPlaces: Map<string, number>[] = []
  const surfaces = new Map<string, Map<string, number>>()
  const df = new Map<string, number>()
  for (const doc of docs) {
    const tf = new Map<string, number>()
    const places = new Map<string, number>()
    const tokens = keywordTokens(doc.text)
    for (const [at, { stem: s, word }] of tokens.entries()) {
      tf.set(s, (tf.get(s) ?? 0) + 1)
      if (!places.has(s)) places.set(s, at / tokens.length)
      let forms = surfaces.get(s)
      if (!forms) surfaces.set(s, (forms = new Map()))
      forms.set(word, (forms.get(word) ?? 0) + doc.inputIds.length)
    }
    for (const s of tf.keys()) df.set(s, (df.get(s) ?? 0) + 1)
    termFreqs.push(tf)
    firstPlaces.push(places)
  }

  // Unit-length TF-IDF vectors: (1 + ln tf) · ln(N / df).
  const vectors: Vector[] = termFreqs.map((tf) => {
    const v: Vector = new Map()
    let sq = 0
    for (const [s, f] of tf) {
      const w = (1 + Math.log(f)) * Math.log(n / df.get(s)!)
      if (w > 0) {
        v.set(s, w)
        sq += w * w
      }
    }
    const norm = Math.sqrt(sq)
    if (norm > 0) for (const [s, w] of v) v.set(s, w / norm)
    return v
  })
  // A text speaks for the inputs it stands for, but a campaign of 30 copies is one voice said 30
  // times: it weighs 1 + ln 30 ≈ 4.4 when choosing seeds and centroids, so the words several
  // different texts share decide the themes. Coverage still counts every input.
  const counts = docs.map((d) => d.unassignedIds.length)
  const weights = counts.map((c) => (c === 0 ? 0 : 1 + Math.log(c)))
  const maxDf = n >= 10 ? Math.floor(n * o.maxDocumentShare) : n

  const postings = new Map<string, number[]>()
  vectors.forEach((v, i) => {
    if (weights[i] === 0) return
    for (const s of v.keys()) {
      if (df.get(s)! > maxDf) continue
      let list = postings.get(s)
      if (!list) postings.set(s, (list = []))
      list.push(i)
    }
  })

  const covered = new Uint8Array(n)
  const triedSeeds = new Set<string>()
  const out: ThemeSuggestion[] = []
  while (out.length < o.limit) {
    // The seed: the keyword carrying most TF-IDF weight among uncovered texts.
    let seed: string | null = null
    let best = 0
    for (const [s, list] of postings) {
      if (triedSeeds.has(s)) continue
      let score = 0
      let inputs = 0
      for (const i of list) {
        if (covered[i]) continue
        score += vectors[i].get(s)! * weights[i]
        inputs += counts[i]
      }
      if (inputs < o.minInputs) continue
      if (score > best || (score === best && seed !== null && s < seed)) {
        best = score
        seed = s
      }
    }
    if (seed === null) break
    triedSeeds.add(seed)

    // Tighten around the centroid twice: texts that carry the seed only in passing fall out,
    // texts that say the same in other words come in.
    let members = postings.get(seed)!.filter((i) => !covered[i])
    for (let round = 0; round < 2; round++) {
      const { c, norm } = centroidOf(members, vectors, weights)
      const next: number[] = []
      for (let i = 0; i < n; i++) {
        if (covered[i] || weights[i] === 0) continue
        if (cosine(vectors[i], c, norm) >= o.minSimilarity) next.push(i)
      }
      members = next
    }
    const inputs = members.reduce((sum, i) => sum + counts[i], 0)
    if (inputs < o.minInputs) continue

    const { c } = centroidOf(members, vectors, weights)
    const presence = new Map<string, number>()
    for (const i of members) for (const s of vectors[i].keys()) presence.set(s, (presence.get(s) ?? 0) + 1)
    const needed = Math.max(members.length > 1 ? 2 : 1, Math.ceil(members.length * o.labelShare))
    const top = [...c.entries()]
      .filter(([s]) => presence.get(s)! >= needed)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([s]) => s)
    // Texts that share a single word are a coincidence more often than a theme.
    if (top.length < 2) continue
    const place = (s: string) => {
      let sum = 0
      let count = 0
      for (const i of members) {
        const p = firstPlaces[i].get(s)
        if (p !== undefined) {
          sum += p
          count++
        }
      }
      return count ? sum / count : 1
    }
    const keywords = top.map((s) => {
      const forms = [...surfaces.get(s)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      return forms[0][0]
    })
    const ordered = top.map((s, i) => ({ word: keywords[i], place: place(s) })).sort((a, b) => a.place - b.place)
    for (const i of members) covered[i] = 1
    out.push({
      key: seed,
      keywords,
      label: capitalise(ordered.map((k) => k.word).join(', ')),
      inputIds: members.flatMap((i) => docs[i].unassignedIds).sort((a, b) => a - b),
    })
  }
  return out
}
