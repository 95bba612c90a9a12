/**
 * Indonesian abusive language: input containing any of these words is held for a moderator
 * before it is published, whatever the consultation's moderation mode. Holding is not refusing:
 * a moderator reads it and publishes or hides it, so a rare false hold costs a minute, not a voice.
 *
 * Words, not substrings: "tolok ukur", "bangsa" and "Babinsa" are not "tolol", "bangsat" and
 * "babi". Common disguises are undone first: letters repeated ("anjiiing"), digits and symbols
 * for letters ("4nj1ng", "b@ngs@t"), and letters spaced or dotted out ("a n j i n g").
 * Words with an everyday meaning in policy texts ("setan", "gila", "bodoh", "tahi lalat") are
 * left out on purpose.
 */
export const ABUSIVE_WORDS: readonly string[] = [
  // insults
  'anjing', 'anjeng', 'anjink', 'asu', 'babi', 'monyet', 'kunyuk', 'bangsat', 'bajingan', 'keparat', 'kampret',
  'brengsek', 'berengsek', 'bedebah', 'sialan', 'goblok', 'goblog', 'tolol', 'bego', 'dungu', 'idiot',
  'bacot', 'bangke', 'sinting', 'jancuk', 'jancok', 'dancuk', 'cuk', 'kimak', 'pukimak', 'cukimai',
  'pantek', 'tai', 'taik', 'telek',
  // sexual and body slurs
  'ngentot', 'entot', 'ngewe', 'kontol', 'memek', 'pepek', 'jembut', 'peler', 'itil', 'puki',
  // slurs against women, groups and identities
  'pelacur', 'lonte', 'perek', 'jablay', 'sundal', 'bencong', 'banci', 'maho',
]

/** Phrases of several words, matched as consecutive words. */
export const ABUSIVE_PHRASES: readonly string[] = ['anak haram', 'haram jadah', 'otak udang', 'muka tembok']

/** Suffixes that still leave the insult itself: "bangsatnya", "goblokin", "tololmu". */
const SUFFIXES = ['nya', 'lah', 'kah', 'mu', 'ku', 'in', 'an', 'kau']

const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g',
  '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't', '€': 'e',
}

/** Lower case, accents dropped, every run of one letter squeezed to a single letter. */
function squeeze(word: string): string {
  return word.replace(/(.)\1+/g, '$1')
}

/** One token as it reads once disguises are undone; digits-only tokens stay numbers. */
function normaliseToken(raw: string): string {
  // "!" and "|" at either end are punctuation ("bangsat!!"), inside a word they stand for "i".
  const lower = raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^[!|+]+|[!|+]+$/g, '')
  if (!/\p{L}/u.test(lower)) return ''
  const mapped = [...lower].map((c) => LEET[c] ?? c).join('')
  return squeeze(mapped.replace(/[^a-z]/g, ''))
}

const WORDS = new Set(ABUSIVE_WORDS.map(squeeze))
const PHRASES = ABUSIVE_PHRASES.map((p) => p.split(' ').map(squeeze))

/** Words of a text, disguises undone. Letters spelled out one by one ("a n j i n g", "a.n.j.i.n.g") are joined. */
export function normalisedWords(text: string): string[] {
  // A token: letters, digits and the symbols used for letters, so "b@ngs@t" stays one token.
  const raw = text.match(/[\p{L}\p{N}@$!|+€]+/gu) ?? []
  const words: string[] = []
  let spelled: string[] = []
  const flush = () => {
    if (spelled.length >= 3) words.push(squeeze(spelled.join('')))
    else words.push(...spelled)
    spelled = []
  }
  for (const token of raw) {
    const word = normaliseToken(token)
    if (!word) {
      // A number or a run of symbols stands between words: "otak 1 udang" is no phrase.
      flush()
      words.push('')
      continue
    }
    if (word.length === 1 && [...token].length === 1) spelled.push(word)
    else {
      flush()
      words.push(word)
    }
  }
  flush()
  return words
}

/** The listed word this word is, with or without a suffix; null when it is none. */
function abusiveBase(word: string): string | null {
  if (WORDS.has(word)) return word
  for (const suffix of SUFFIXES) {
    const base = word.length > suffix.length && word.endsWith(suffix) ? squeeze(word.slice(0, -suffix.length)) : ''
    if (WORDS.has(base)) return base
  }
  return null
}

/** The abusive words and phrases found in a text (as listed above), in order, each once. */
export function findAbusiveLanguage(text: string): string[] {
  const words = normalisedWords(text)
  const found = new Set<string>()
  for (const word of words) {
    const base = abusiveBase(word)
    if (base) found.add(base)
  }
  for (const [i, phrase] of PHRASES.entries()) {
    for (let w = 0; w + phrase.length <= words.length; w++) {
      if (phrase.every((part, k) => words[w + k] === part)) {
        found.add(ABUSIVE_PHRASES[i])
        break
      }
    }
  }
  return [...found]
}

export function containsAbusiveLanguage(...texts: string[]): boolean {
  return texts.some((text) => text && findAbusiveLanguage(text).length > 0)
}
