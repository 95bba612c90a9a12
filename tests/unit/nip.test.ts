import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normaliseNip, validateNip } from '~/domain/nip'
import { demoNip } from '~db/seed/demo-employees'

const NOW = new Date('2026-11-23T03:00:00Z')
const check = (nip: string, now = NOW) => validateNip(nip, now)
const errorOf = (nip: string, now = NOW) => {
  const result = check(nip, now)
  return result.ok ? 'ok' : result.error
}

describe('validateNip', () => {
  test('a well-formed NIP passes and is read into its parts', () => {
    expect(check('198503122010011002')).toEqual({
      ok: true,
      nip: '198503122010011002',
      birthDate: { year: 1985, month: 3, day: 12 },
      start: { year: 2010, month: 1 },
      sex: 1,
      sequence: 2,
    })
  })

  test('spaces as people type them are accepted, including non-breaking ones and tabs', () => {
    expect(check('19850312 201001 1 002')).toMatchObject({ ok: true, nip: '198503122010011002' })
    expect(check(' 19850312\u00a0201001\t2 002 ')).toMatchObject({ ok: true, nip: '198503122010012002', sex: 2 })
    expect(normaliseNip('1985 0312')).toBe('19850312')
  })

  test('letters, dots and dashes are refused as not digits', () => {
    expect(errorOf('19850312.201001.1.002')).toBe('employees.nip.notDigits')
    expect(errorOf('19850312-201001-1-002')).toBe('employees.nip.notDigits')
    expect(errorOf('1985031220100110O2')).toBe('employees.nip.notDigits')
    // Digits from other scripts are not NIP digits.
    expect(errorOf('١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٢')).toBe('employees.nip.notDigits')
  })

  test('too few or too many digits say which; a 16-digit NIK is too short', () => {
    expect(errorOf('')).toBe('employees.nip.tooShort')
    expect(errorOf('3275014501850001')).toBe('employees.nip.tooShort')
    expect(errorOf('19850312201001100')).toBe('employees.nip.tooShort')
    expect(errorOf('1985031220100110020')).toBe('employees.nip.tooLong')
  })

  test('the birth date must be a real calendar date in the past', () => {
    expect(errorOf('198502302010011002')).toBe('employees.nip.birthDate') // 30 February
    expect(errorOf('198513122010011002')).toBe('employees.nip.birthDate') // month 13
    expect(errorOf('198503002010011002')).toBe('employees.nip.birthDate') // day 0
    expect(errorOf('190002292010011002')).toBe('employees.nip.birthDate') // 1900 was not a leap year
    expect(errorOf('189912312010011002')).toBe('employees.nip.birthDate')
    expect(errorOf('202712012010011002')).toBe('employees.nip.birthDate') // not born yet
    expect(errorOf('198402292010011002')).toBe('ok') // 1984 was
  })

  test('the start month must be a real month, not in the future and not before the holder turned 17', () => {
    expect(errorOf('198503122010001002')).toBe('employees.nip.startMonth')
    expect(errorOf('198503122010131002')).toBe('employees.nip.startMonth')
    expect(errorOf('198503122026121002')).toBe('employees.nip.startInFuture')
    expect(errorOf('198503122026111002')).toBe('ok') // this month
    expect(errorOf('198503122002021002')).toBe('employees.nip.startTooEarly') // aged 16
    expect(errorOf('198503122002031002')).toBe('ok') // the month they turned 17
  })

  test('"this month" is the month already begun somewhere in Indonesia', () => {
    // 1 December 2026, 01:00 WIT is still 30 November in UTC.
    expect(errorOf('198503122026121002', new Date('2026-11-30T16:00:00Z'))).toBe('ok')
    expect(errorOf('198503122026121002', new Date('2026-11-30T14:00:00Z'))).toBe('employees.nip.startInFuture')
  })

  test('the sex digit is 1 or 2 and the sequence is never 000', () => {
    for (const digit of ['0', '3', '4', '5', '6', '7', '8', '9']) {
      expect(errorOf(`198503122010011002`.slice(0, 14) + digit + '002')).toBe('employees.nip.sex')
    }
    expect(errorOf('198503122010012000')).toBe('employees.nip.sequence')
    expect(errorOf('198503122010012999')).toBe('ok')
  })

  test('every demo NIP is valid', () => {
    for (let i = 0; i < 10; i++) expect(errorOf(demoNip(i))).toBe('ok')
  })
})

// NIPs built from their rules: a birth date, a start month between the 17th birthday and now, sex, sequence.
const validNip = fc
  .record({
    birth: fc.date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2009-11-01T00:00:00Z'), noInvalidDate: true }),
    startOffsetMonths: fc.nat(),
    sex: fc.constantFrom('1', '2'),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birth, startOffsetMonths, sex, sequence }) => {
    const y = birth.getUTCFullYear()
    const m = birth.getUTCMonth() + 1
    const earliest = (y + 17) * 12 + (m - 1)
    const latest = 2026 * 12 + 10 // November 2026
    const start = earliest + (startOffsetMonths % (latest - earliest + 1))
    const pad = (n: number, w: number) => String(n).padStart(w, '0')
    return (
      `${y}${pad(m, 2)}${pad(birth.getUTCDate(), 2)}` +
      `${Math.floor(start / 12)}${pad((start % 12) + 1, 2)}` +
      `${sex}${pad(sequence, 3)}`
    )
  })

describe('validateNip, properties', () => {
  test('every NIP built by the rules passes, with or without spaces', () => {
    fc.assert(
      fc.property(validNip, (nip) => {
        expect(errorOf(nip)).toBe('ok')
        expect(errorOf(`${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip[14]} ${nip.slice(15)}`)).toBe('ok')
      }),
      { numRuns: 500 },
    )
  })

  test('changing the sex digit of a valid NIP to 0 or 3–9 always fails on the sex digit', () => {
    fc.assert(
      fc.property(validNip, fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9'), (nip, digit) => {
        expect(errorOf(nip.slice(0, 14) + digit + nip.slice(15))).toBe('employees.nip.sex')
      }),
      { numRuns: 500 },
    )
  })

  test('dropping or adding a digit always fails on the length', () => {
    fc.assert(
      fc.property(validNip, fc.nat(17), fc.constantFrom('0', '1', '5', '9'), (nip, at, extra) => {
        expect(errorOf(nip.slice(0, at) + nip.slice(at + 1))).toBe('employees.nip.tooShort')
        expect(errorOf(nip.slice(0, at) + extra + nip.slice(at))).toBe('employees.nip.tooLong')
      }),
    )
  })
})
