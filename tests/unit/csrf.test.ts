import { describe, expect, test } from 'vitest'
import { isCrossOriginWrite, proxyConfigurationWarning } from '~/lib/csrf.server'

const base = { host: 'rembuk.example.id', origin: undefined, secFetchSite: undefined, publicUrl: undefined }

describe('isCrossOriginWrite', () => {
  test('reads are never refused', () => {
    expect(isCrossOriginWrite({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(false)
  })
  test('a POST from our own origin passes', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', protocol: 'https', origin: 'https://rembuk.example.id' })).toBe(false)
  })
  test('a POST from another origin is refused', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', origin: 'https://evil.example' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'DELETE', origin: 'null' })).toBe(true)
  })
  test('without Origin, Sec-Fetch-Site decides', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'cross-site' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'same-site' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'same-origin' })).toBe(false)
  })
})

describe('the whole origin counts, scheme and port included', () => {
  const post = { method: 'POST', secFetchSite: undefined }
  test('https from the same host is refused by a plain-http server without PUBLIC_URL', () => {
    const same = { ...post, protocol: 'http', host: 'rembuk.example.id', publicUrl: undefined }
    expect(isCrossOriginWrite({ ...same, origin: 'https://rembuk.example.id' })).toBe(true)
    expect(isCrossOriginWrite({ ...same, origin: 'http://rembuk.example.id:8080' })).toBe(true)
    expect(isCrossOriginWrite({ ...same, origin: 'http://rembuk.example.id' })).toBe(false)
  })
  test('the scheme comes from the request (X-Forwarded-Proto when TRUST_PROXY is set)', () => {
    const proxied = { ...post, protocol: 'https', host: 'rembuk.example.id', publicUrl: undefined }
    expect(isCrossOriginWrite({ ...proxied, origin: 'https://rembuk.example.id' })).toBe(false)
    expect(isCrossOriginWrite({ ...proxied, origin: 'http://rembuk.example.id' })).toBe(true)
  })
  test('with PUBLIC_URL, only its origin passes, whatever the Host header says', () => {
    const configured = { ...post, protocol: 'http', host: 'rembuk.example.id', publicUrl: 'https://rembuk.example.id/' }
    expect(isCrossOriginWrite({ ...configured, origin: 'https://rembuk.example.id' })).toBe(false)
    expect(isCrossOriginWrite({ ...configured, origin: 'http://rembuk.example.id' })).toBe(true)
    expect(isCrossOriginWrite({ ...configured, host: 'evil.example', origin: 'https://evil.example' })).toBe(true)
    expect(isCrossOriginWrite({ ...configured, publicUrl: 'https://rembuk.example.id:8443', origin: 'https://rembuk.example.id' })).toBe(true)
  })
})

describe('proxyConfigurationWarning', () => {
  test('says in one line when PUBLIC_URL is https and TRUST_PROXY is unset', () => {
    const line = proxyConfigurationWarning({ PUBLIC_URL: 'https://rembuk.example.id' })
    expect(line).toMatch(/TRUST_PROXY/)
    expect(line!.split('\n')).toHaveLength(1)
    expect(proxyConfigurationWarning({ PUBLIC_URL: 'https://rembuk.example.id', TRUST_PROXY: '1' })).toBeNull()
    expect(proxyConfigurationWarning({ PUBLIC_URL: 'http://localhost:3000' })).toBeNull()
    expect(proxyConfigurationWarning({})).toBeNull()
  })
})
