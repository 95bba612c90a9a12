import { describe, expect, test } from 'vitest'
import { type ScoreCounts, computeIkm, gradeOf, krejcieMorgan, roundHalfUp } from '~/domain/evaluations/ikm'
import { dayAfter, periodAfter, periodContaining } from '~/domain/evaluations/periods'
import type { SkmElement } from '~/domain/evaluations/skm'

/** Tallies from questionnaires: each row is U1..U9, null where the respondent left it blank. */
function tally(rows: (number | null)[][]) {
  const counts: Partial<Record<SkmElement, [number, number, number, number]>> = {}
  for (const row of rows) {
    row.forEach((score, i) => {
      if (score === null) return
      const c = (counts[(i + 1) as SkmElement] ??= [0, 0, 0, 0])
      c[score - 1]++
    })
  }
  return counts
}

/** Nine elements each answered by `n` people, the scores adding up to `total` over all nine. */
function spread(total: number, n: number) {
  const counts: Partial<Record<SkmElement, ScoreCounts>> = {}
  let left = total
  for (let e = 1; e <= 9; e++) {
    const sum = Math.round(left / (10 - e))
    left -= sum
    const base = Math.floor(sum / n)
    const extra = sum - base * n
    const c: [number, number, number, number] = [0, 0, 0, 0]
    c[base - 1] += n - extra
    if (extra) c[base] += extra
    counts[e as SkmElement] = c
  }
  return counts
}

describe('the IKM as PermenPANRB 14/2017 computes it', () => {
  // A worked example small enough to check by hand. R3 left U8 (complaints) blank.
  //        U1 U2 U3 U4 U5 U6 U7 U8    U9
  const questionnaires = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 3, 3, 1, 3],
    [3, 2, 2, 3, 3, 4, 3, null, 2],
    [4, 3, 3, 4, 2, 3, 4, 2, 3],
  ]

  test('per element the average of those who answered it; the IKM is Σ NRR × 1/9 × 25, rounded once', () => {
    const result = computeIkm(4, tally(questionnaires))
    // NRR: U1 14/4, U2 11/4, U3 10/4, U4 15/4, U5 11/4, U6 13/4, U7 14/4, U8 5/3 (three answered), U9 11/4.
    expect(result.elements.map((e) => e.nrr)).toEqual([3.5, 2.75, 2.5, 3.75, 2.75, 3.25, 3.5, 5 / 3, 2.75])
    expect(result.elements.map((e) => e.answered)).toEqual([4, 4, 4, 4, 4, 4, 4, 3, 4])
    expect(result.elements[7]).toMatchObject({ unanswered: 1, converted: 41.67, grade: 'D' })
    // Σ NRR = 99/4 + 5/3 = 317/12; IKM = 25 × 317/12 / 9 = 7925/108 = 73.3796… → 73.38, C.
    expect(result.ikm).toBe(73.38)
    expect(result.grade).toBe('C')
    expect(result.elementsCounted).toBe(9)
    expect(result.missingElements).toEqual([])
  })

  test('a blank answer is left out of its element, never counted as a score of zero or one', () => {
    const blankAsOne = questionnaires.map((row) => row.map((v) => v ?? 1))
    expect(computeIkm(4, tally(blankAsOne)).ikm).toBe(72.92)
    expect(computeIkm(4, tally(questionnaires)).ikm).toBe(73.38)
  })

  test('the three lowest elements are priorities, ties at the third place included', () => {
    const result = computeIkm(4, tally(questionnaires))
    expect(result.elements.filter((e) => e.priority).map((e) => e.element)).toEqual([2, 3, 5, 8, 9])
  })

  test('an element nobody answered drops out, and the result says so', () => {
    const rows = questionnaires.map((row) => row.map((v, i) => (i === 3 ? null : v)))
    const result = computeIkm(4, tally(rows))
    expect(result.missingElements).toEqual([4])
    expect(result.elementsCounted).toBe(8)
    expect(result.elements[3]).toMatchObject({ answered: 0, unanswered: 4, nrr: null, converted: null, grade: null, priority: false })
    // (99/4 − 15/4 + 5/3) / 8 × 25 = (21 + 5/3) / 8 × 25 = 70.83…
    expect(result.ikm).toBe(70.83)
  })

  test('a larger example: 29 questionnaires, 955 points in all', () => {
    const counts = {
      1: [0, 0, 11, 18],
      2: [0, 0, 15, 14],
      3: [0, 2, 12, 15],
      4: [0, 0, 0, 29],
      5: [0, 0, 14, 15],
      6: [0, 0, 11, 18],
      7: [0, 0, 10, 19],
      8: [0, 0, 11, 18],
      9: [0, 0, 1, 28],
    } as const
    const result = computeIkm(29, counts)
    // 25 × 955 / (29 × 9) = 91.4750… → 91.48
    expect(result.ikm).toBe(91.48)
    expect(result.grade).toBe('A')
    expect(result.elements[2]).toMatchObject({ converted: 86.21, grade: 'B' })
    expect(result.elements[3]).toMatchObject({ converted: 100, grade: 'A' })
    expect(result.elements.filter((e) => e.priority).map((e) => e.element)).toEqual([2, 3, 5])
  })

  test('the scale ends: everything 4 is 100.00 (A), everything 1 is 25.00 (D)', () => {
    expect(computeIkm(10, spread(9 * 40, 10))).toMatchObject({ ikm: 100, grade: 'A' })
    expect(computeIkm(10, spread(9 * 10, 10))).toMatchObject({ ikm: 25, grade: 'D' })
    expect(computeIkm(0, {})).toMatchObject({ ikm: null, grade: null, elementsCounted: 0 })
  })

  test.each([
    // total points of 9 × 5000 answers → exact IKM → rounded → grade
    [158949, 88.31, 'A'], // 88.305 exactly: half up to 88.31
    [158948, 88.3, 'B'], // 88.3044…
    [137889, 76.61, 'B'], // 76.605 exactly
    [137888, 76.6, 'C'], // 76.6044…
    [116991, 65, 'C'], // 64.995 exactly
    [116990, 64.99, 'D'], // 64.9944…
  ])('grade boundaries: %i points → %d (%s)', (total, ikm, grade) => {
    const result = computeIkm(5000, spread(total, 5000))
    expect(result.ikm).toBe(ikm)
    expect(result.grade).toBe(grade)
  })

  test('gradeOf follows the conversion table', () => {
    expect([100, 88.31, 88.3, 76.61, 76.6, 65, 64.99, 25].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D'])
  })

  test('rounding is exact: half up, never a floating-point artefact', () => {
    expect(roundHalfUp(2924775n, 45000n)).toBe(65) // 64.995
    expect(roundHalfUp(1n, 8n, 2)).toBe(0.13) // 0.125
    expect(roundHalfUp(1n, 3n, 4)).toBe(0.3333)
  })
})

describe('the minimum sample (Krejcie–Morgan)', () => {
  test.each([
    [10, 10],
    [15, 14],
    [50, 44],
    [100, 80],
    [200, 132],
    [1000, 278],
    [10000, 370],
    [1000000, 384],
  ])('a population of %i needs %i respondents, as the published table says', (population, minimum) => {
    expect(krejcieMorgan(population)).toBe(minimum)
  })

  test('no population, no minimum', () => {
    expect(krejcieMorgan(0)).toBeNull()
    expect(krejcieMorgan(-5)).toBeNull()
    expect(krejcieMorgan(2.5)).toBeNull()
  })
})

describe('evaluation periods', () => {
  test('semesters, quarters, four-month periods and years, named as regions name them', () => {
    expect(periodContaining('2026-11-25', 6)).toEqual({
      name: 'Semester II 2026',
      slug: 'semester-ii-2026',
      startsOn: '2026-07-01',
      endsOn: '2026-12-31',
    })
    expect(periodContaining('2026-11-25', 3)).toMatchObject({ name: 'Triwulan IV 2026', startsOn: '2026-10-01', endsOn: '2026-12-31' })
    expect(periodContaining('2026-11-25', 4)).toMatchObject({ name: 'Caturwulan III 2026', startsOn: '2026-09-01' })
    expect(periodContaining('2026-11-25', 12)).toMatchObject({ name: 'Tahun 2026', slug: 'tahun-2026', endsOn: '2026-12-31' })
    expect(periodContaining('2028-02-10', 3)).toMatchObject({ endsOn: '2028-03-31' })
    expect(periodContaining('2026-03-01', 6)).toMatchObject({ name: 'Semester I 2026', endsOn: '2026-06-30' })
  })

  test('the next period starts the day after the last ends', () => {
    expect(periodAfter({ endsOn: '2026-12-31' }, 6)).toMatchObject({ name: 'Semester I 2027', startsOn: '2027-01-01' })
    expect(periodAfter({ endsOn: '2026-06-30' }, 6)).toMatchObject({ name: 'Semester II 2026' })
    expect(dayAfter('2028-02-28')).toBe('2028-02-29')
  })
})
