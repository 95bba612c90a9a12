import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { FEATURES, catalogues } from '~/i18n/messages.server'
import { pageKeys, root, routeModules } from '../i18n/page-words'

const dir = path.join(root, 'app', 'i18n', 'catalogues')
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))

/** The keys written in a catalogue file's Indonesian object, in order, repeats included. */
function keysWritten(file: string): string[] {
  const source = fs.readFileSync(path.join(dir, file), 'utf8')
  const start = source.indexOf('export const id')
  const end = source.indexOf('} as const', start)
  return [...source.slice(start, end).matchAll(/^\s+'([^']+)':/gm)].map((m) => m[1]!)
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('message catalogues', () => {
  test('every catalogue file is registered in messages.server.ts under its file name', () => {
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual([...FEATURES].sort())
  })

  test('no message key is defined twice, in one catalogue or across catalogues', () => {
    const where = new Map<string, string[]>()
    for (const file of files) for (const key of keysWritten(file)) where.set(key, [...(where.get(key) ?? []), file])
    const twice = [...where].filter(([, in_]) => in_.length > 1).map(([key, in_]) => `${key}: ${in_.join(', ')}`)
    expect(twice).toEqual([])
    // The registry agrees with the files: the same keys, none lost.
    const registered = FEATURES.flatMap((f) => Object.keys(catalogues[f].id))
    expect(new Set(registered).size).toBe(registered.length)
    expect(registered.length).toBe(where.size)
  })

  test('English has every key, no other, none empty, with the same {placeholders}', () => {
    for (const feature of FEATURES) {
      const { id, en } = catalogues[feature] as { id: Record<string, string>; en: Record<string, string> }
      expect(Object.keys(en).sort(), feature).toEqual(Object.keys(id).sort())
      for (const key of Object.keys(id)) {
        expect(id[key]!.trim(), `${feature}: ${key} (id)`).not.toBe('')
        expect(en[key]!.trim(), `${feature}: ${key} (en)`).not.toBe('')
        expect(placeholders(en[key]!), `${feature}: ${key}`).toEqual(placeholders(id[key]!))
      }
    }
  })

  test('the frame every page shows (header, footer, error page) uses the core catalogue only', () => {
    const owner = new Map<string, string>()
    for (const feature of FEATURES) for (const key of Object.keys(catalogues[feature].id)) owner.set(key, feature)
    const used = [...pageKeys(path.join(root, 'app', 'root.tsx'), [...owner.keys()])]
    expect(used.length).toBeGreaterThan(10)
    expect(used.filter((key) => owner.get(key) !== 'core').map((key) => `${key} (${owner.get(key)})`)).toEqual([])
  })

  test('every page declares in its handle each catalogue its words come from (core comes anyway)', () => {
    const owner = new Map<string, string>()
    for (const feature of FEATURES) for (const key of Object.keys(catalogues[feature].id)) owner.set(key, feature)
    const keys = [...owner.keys()]
    const missing: string[] = []
    for (const route of routeModules()) {
      const source = fs.readFileSync(route, 'utf8')
      if (!/export default/.test(source)) continue // a resource route: its words are written on the server
      const declared = new Set<string>(
        JSON.parse((source.match(/export const handle[^=]*=\s*\{[^}]*i18n:\s*(\[[^\]]*\])/)?.[1] ?? '[]').replace(/'/g, '"')),
      )
      for (const name of declared) expect(FEATURES, `${path.relative(root, route)} declares "${name}"`).toContain(name)
      const needed = new Map<string, string>()
      for (const key of pageKeys(route, keys)) {
        const feature = owner.get(key)!
        if (feature !== 'core' && !declared.has(feature) && !needed.has(feature)) needed.set(feature, key)
      }
      for (const [feature, key] of needed) missing.push(`${path.relative(root, route)} needs '${feature}' (e.g. ${key})`)
    }
    expect(missing).toEqual([])
  })
})
