import type { ServerBuild } from 'react-router'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as root from '~/root'
import * as inputNew from '~/routes/input-new'
import * as policy from '~/routes/policy'
import * as home from '~/routes/home'
import { setDb } from '~/lib/db.server'
import { catalogues } from '~/i18n/messages.server'
import { type TestDb, createTestDb, dialects } from '../db'
import { BASE } from './helpers'

// The route table as the built server hands it to the root loader (server.ts), for three pages.
const serverRoutes = {
  root: { id: 'root', path: '', module: root },
  'routes/home': { id: 'routes/home', parentId: 'root', index: true, module: home },
  'routes/policy': { id: 'routes/policy', parentId: 'root', path: 'kebijakan/:slug', module: policy },
  'routes/input-new': { id: 'routes/input-new', parentId: 'root', path: 'kebijakan/:slug/masukan/baru', module: inputNew },
} as unknown as ServerBuild['routes']

async function rootData(path: string, lang?: 'id' | 'en') {
  const request = new Request(BASE + path, lang ? { headers: { Cookie: `rembuk_lang=${lang}` } } : {})
  return root.loader({ request, params: {}, context: { clientAddress: null, serverRoutes }, unstable_pattern: '' } as never)
}

describe.each(dialects)('the words a page receives, on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    setDb(t.db)
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('a reading page gets the core catalogue only, in the reader’s language only', async () => {
    const data = await rootData('/kebijakan/contoh', 'en')
    expect(data.messages).toEqual(catalogues.core.en)
    expect(Object.values(data.messages)).not.toContain(catalogues.core.id['nav.skip'])
  })

  test('the input form gets the catalogues its handle declares, and no other', async () => {
    const data = await rootData('/kebijakan/contoh/masukan/baru')
    expect(data.messages).toEqual({ ...catalogues.core.id, ...catalogues.consultations.id, ...catalogues.employees.id, ...catalogues.verification.id })
    expect(data.messages).not.toHaveProperty('themes.title')
    // The group fields are titled as what they are (the key was once defined twice, as "Masukan serupa").
    expect(data.messages['input.group']).toBe('Atas nama kelompok (tidak wajib)')
  })

  test('a page the route table does not know gets the core catalogue; without a route table every word is sent', async () => {
    expect((await rootData('/tidak-ada')).messages).toEqual(catalogues.core.id)
    const request = new Request(`${BASE}/kebijakan/contoh`)
    const data = await root.loader({ request, params: {}, context: { clientAddress: null }, unstable_pattern: '' } as never)
    expect(Object.keys(data.messages).length).toBeGreaterThan(Object.keys(catalogues.core.id).length + Object.keys(catalogues.themes.id).length)
  })
})
