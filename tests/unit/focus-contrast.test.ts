import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// Issue 8, item 16 (WCAG 2.4.13 / 1.4.11): every focus indicator has a contrast of at least 3:1
// against the background it is drawn on. The ring is `outline: 3px solid var(--focus)` with an
// offset, so it sits on the surface around the element: the page's light surfaces, and the green
// header, which sets its own --focus.

const css = fs.readFileSync(path.resolve('app/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')

function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

/** The declarations of the rules whose selector list is exactly `selector`. */
function declarations(selector: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (match[1]!.trim() !== selector) continue
    for (const part of match[2]!.split(';')) {
      const [name, ...value] = part.split(':')
      if (name?.trim() && value.length) out[name.trim()] = value.join(':').trim()
    }
  }
  return out
}

const root = declarations(':root')
function colour(value: string, scope: Record<string, string> = {}): string {
  const v = value.match(/var\((--[a-z-]+)\)/)
  const resolved = v ? (scope[v[1]!] ?? root[v[1]!]) : value
  expect(resolved, value).toMatch(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i)
  return resolved!.toLowerCase()
}

describe('focus indicators', () => {
  test('the ring is drawn from --focus on every focusable element', () => {
    expect(css).toMatch(/:focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)/)
  })

  test('on every light surface of the page the ring has at least 3:1', () => {
    const focus = colour('var(--focus)')
    const surfaces = new Set<string>()
    for (const match of css.matchAll(/background(?:-color)?:\s*(#[0-9a-fA-F]{3,6}|var\(--[a-z-]+\))/g)) {
      const c = colour(match[1]!)
      if (luminance(c) > 0.4) surfaces.add(c)
    }
    expect(surfaces.size).toBeGreaterThan(10)
    for (const surface of surfaces) expect(contrast(focus, surface), `${focus} on ${surface}`).toBeGreaterThanOrEqual(3)
  })

  test('in the green header (skip link, logo, navigation, language buttons) the ring has at least 3:1', () => {
    const header = declarations('.site-header')
    const background = colour(header.background!)
    expect(background).toBe('#0b5d4b')
    const focus = colour('var(--focus)', header)
    expect(contrast(focus, background), `${focus} on ${background}`).toBeGreaterThanOrEqual(3)
  })
})
