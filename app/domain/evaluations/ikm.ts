import { SKM_ELEMENTS, type SkmElement } from '~/domain/evaluations/skm'

/**
 * The satisfaction index (Indeks Kepuasan Masyarakat, IKM) as PermenPANRB 14/2017 (Lampiran,
 * "Pengolahan data") computes it, from the tallies of answers per element:
 *
 * - per element, the average perception score (nilai rata-rata, NRR) = the sum of its answers
 *   (1–4) / the number of questionnaires that answered it. A questionnaire that left an element
 *   blank is left out of that element's average only; its other answers count.
 * - the index = Σ NRR × weight, the weight being 1/9 for each of the nine elements ("bobot nilai
 *   rata-rata tertimbang = jumlah bobot / jumlah unsur = 1/9"); the regulation's formula divides by
 *   the elements answered ("total unsur yang terisi"), so an element nobody answered drops out and
 *   the others weigh 1/8 each; the result says which elements are missing.
 * - the index × 25 is the IKM of the service unit (nilai interval konversi, 25.00–100.00).
 * - the grade comes from the regulation's conversion table: A Sangat Baik 88.31–100.00,
 *   B Baik 76.61–88.30, C Kurang Baik 65.00–76.60, D Tidak Baik 25.00–64.99.
 *
 * Rounding (docs/decisions/038-ikm-computation.md): no intermediate value is rounded; the IKM is
 * rounded once, half up, to the two decimals of the conversion table, and graded on that rounded
 * value (the table's ranges have gaps of 0.01, so only a two-decimal value falls in exactly one).
 * The weight is exactly 1/9, not its printed approximation 0,11 (with 0,11 a survey answered 4
 * everywhere would score 99.00, outside the table's top of 100.00). Everything is computed in
 * exact integer arithmetic, so 64.995 is C and never a float's 64.99499… D.
 */

export type Grade = 'A' | 'B' | 'C' | 'D'

/** Counts of the answers 1, 2, 3 and 4 to one element. */
export type ScoreCounts = readonly [number, number, number, number]

export interface ElementResult {
  element: SkmElement
  /** Questionnaires that answered this element, and that left it blank. */
  answered: number
  unanswered: number
  counts: ScoreCounts
  /** NRR: the average perception score (1–4), unrounded; null when nobody answered. */
  nrr: number | null
  /** NRR × 25, rounded half up to two decimals as the table is; null when nobody answered. */
  converted: number | null
  grade: Grade | null
  /** Among the lowest-scoring elements: where improvement starts. */
  priority: boolean
}

export interface IkmResult {
  respondents: number
  elements: ElementResult[]
  /** The IKM (25.00–100.00), rounded half up to two decimals; null when no element was answered. */
  ikm: number | null
  grade: Grade | null
  /** Elements that count towards the index (9 unless some element has no answer at all). */
  elementsCounted: number
  missingElements: SkmElement[]
}

/** How many of the lowest-scoring elements are flagged as priorities (ties at the last place too). */
export const PRIORITY_COUNT = 3

/** num/den rounded half up to `decimals` places, for non-negative integers, exactly. */
export function roundHalfUp(num: bigint, den: bigint, decimals = 2): number {
  const scale = 10n ** BigInt(decimals)
  const scaled = (num * scale * 2n + den) / (2n * den)
  return Number(scaled) / Number(scale)
}

/** The regulation's grade for an IKM already rounded to two decimals. */
export function gradeOf(ikm: number): Grade {
  const hundredths = Math.round(ikm * 100)
  if (hundredths >= 8831) return 'A'
  if (hundredths >= 7661) return 'B'
  if (hundredths >= 6500) return 'C'
  return 'D'
}

export const GRADE_RANGES: Record<Grade, { from: number; to: number }> = {
  A: { from: 88.31, to: 100 },
  B: { from: 76.61, to: 88.3 },
  C: { from: 65, to: 76.6 },
  D: { from: 25, to: 64.99 },
}

function sumOf(counts: ScoreCounts): bigint {
  return BigInt(counts[0] + 2 * counts[1] + 3 * counts[2] + 4 * counts[3])
}

function answeredOf(counts: ScoreCounts): number {
  return counts[0] + counts[1] + counts[2] + counts[3]
}

/**
 * The IKM of one period from its tallies: `counts[element]` = answers 1..4 to that element, and
 * `respondents` = every questionnaire received (some may have left elements blank).
 */
export function computeIkm(respondents: number, counts: Partial<Record<SkmElement, ScoreCounts>>): IkmResult {
  const rows = SKM_ELEMENTS.map((element) => {
    const c = counts[element] ?? ([0, 0, 0, 0] as const)
    const answered = answeredOf(c)
    return { element, counts: c, answered, sum: sumOf(c) }
  })
  const counted = rows.filter((r) => r.answered > 0)
  const missingElements = rows.filter((r) => r.answered === 0).map((r) => r.element)

  // Σ (S_k / n_k) over the counted elements, as one fraction num/den.
  let num = 0n
  let den = 1n
  for (const r of counted) {
    const n = BigInt(r.answered)
    num = num * n + r.sum * den
    den *= n
  }
  // IKM = 25 × (1/m) × Σ NRR_k
  const ikm = counted.length ? roundHalfUp(25n * num, BigInt(counted.length) * den) : null

  // Priorities: the PRIORITY_COUNT lowest NRR, compared exactly (S_a·n_b vs S_b·n_a), ties included.
  const ascending = [...counted].sort((a, b) => {
    const left = a.sum * BigInt(b.answered)
    const right = b.sum * BigInt(a.answered)
    return left < right ? -1 : left > right ? 1 : a.element - b.element
  })
  const cutoff = ascending[Math.min(PRIORITY_COUNT, ascending.length) - 1]
  const priority = new Set(
    cutoff
      ? ascending
          .filter((r) => r.sum * BigInt(cutoff.answered) <= cutoff.sum * BigInt(r.answered))
          .map((r) => r.element)
      : [],
  )

  const elements: ElementResult[] = rows.map((r) => {
    const converted = r.answered ? roundHalfUp(25n * r.sum, BigInt(r.answered)) : null
    return {
      element: r.element,
      answered: r.answered,
      unanswered: Math.max(respondents - r.answered, 0),
      counts: r.counts,
      nrr: r.answered ? Number(r.sum) / r.answered : null,
      converted,
      grade: converted === null ? null : gradeOf(converted),
      priority: priority.has(r.element),
    }
  })
  return {
    respondents,
    elements,
    ikm,
    grade: ikm === null ? null : gradeOf(ikm),
    elementsCounted: counted.length,
    missingElements,
  }
}

/** An NRR (or any ratio) as the report prints it: rounded half up, never a float artefact. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round((value + Number.EPSILON) * scale) / scale
}

/**
 * The minimum number of respondents for a population of `population` service users, from Krejcie
 * and Morgan (1970), whose table the regulation's Lampiran cites:
 * s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3.841 (one degree of freedom, 95%), P = 0.5,
 * d = 0.05, rounded to the nearest whole person as the published table is (N = 50 → 44,
 * N = 100 → 80, N = 1 000 → 278, N = 1 000 000 → 384).
 */
export function krejcieMorgan(population: number): number | null {
  if (!Number.isInteger(population) || population <= 0) return null
  const chi2 = 3.841
  const p = 0.5
  const d = 0.05
  const s = (chi2 * population * p * (1 - p)) / (d * d * (population - 1) + chi2 * p * (1 - p))
  return Math.min(population, Math.round(s))
}
