import { describe, expect, test } from 'vitest'
import { imitatesVerifiedRole, skeletonWords } from '~/domain/pseudonyms'

// The demo's organisations (db/seed/demo.ts).
const ORGANISATIONS = [
  'Pemerintah Kabupaten Mamuju',
  'Pemerintah Kota Tanjungbalai',
  'Kecamatan Plaju, Kota Palembang',
  'Kecamatan Mulyorejo, Kota Surabaya',
  'Pemerintah Kota Sawahlunto',
]

describe('pseudonyms that imitate a verified role', () => {
  test.each([
    'ASN, BKPSDM Kabupaten Mamuju',
    'asn bkpsdm kabupaten mamuju',
    'A.S.N. – B.K.P.S.D.M. Mamuju',
    'A S N, Kantor Kecamatan Plaju',
    '4SN, BKP5DM Kabupaten Mamuju',
    'ASN BKPSDM Kabupaten Mamuju', // Cyrillic А and С
    'ÁSN, Dinas Pendidikan',
    'PNS Kota Sawahlunto',
    'P.P.P.K. guru',
    'CPNS 2026',
    'ASNBKPSDM',
    'PNSMamuju',
    'Pegawai BKD Provinsi',
    'Staf bkd',
    'Warga (Terverifikasi ASN)',
    'verified employee',
    'Kantor Kecamatan Plaju',
    'Pegawai Kota Sawahlunto',
    'Pemerintah Kabupaten Mamuju',
    'Dinas Kesehatan Tanjungba1ai',
    'Kantor Camat Mu1yorejo',
  ])('refuses %s', (pseudonym) => {
    expect(imitatesVerifiedRole(pseudonym, ORGANISATIONS)).toBe(true)
  })

  test.each([
    'Warga Plaju Ilir',
    'Pegawai dari luar daerah',
    'Promo Pulsa',
    'Asnawi',
    'Asnawi dari Mamuju',
    'Warga Kabupaten Mamuju',
    'Ibu guru Sawahlunto',
    'Pemerhati Disabilitas Mamuju',
    'Pensiunan',
    'Dr. Siti',
  ])('allows %s', (pseudonym) => {
    expect(imitatesVerifiedRole(pseudonym, ORGANISATIONS)).toBe(false)
  })

  test('the skeleton ignores case, spacing, punctuation, accents and look-alikes', () => {
    expect(skeletonWords('  Á.S.N.,  BKP5DM ')).toEqual(['asn', 'bkpsdm'])
    expect(skeletonWords('Tanjungba1ai')).toEqual(skeletonWords('TANJUNGBALAI'))
  })
})
