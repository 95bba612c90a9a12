import { describe, expect, test } from 'vitest'
import { safeRedirect } from '~/lib/safe-redirect'

describe('safeRedirect: only a same-origin path after URL parsing', () => {
  test.each([
    ['/%09/evil.example decoded (the issue)', '/\t/evil.example'],
    ['a tab after the slash', '/\t/evil.example'],
    ['a newline after the slash', '/\n/evil.example'],
    ['a CR/LF header injection', '/kebijakan\r\nSet-Cookie: x=1'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash later on', '/a/..\\..\\\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme without slashes', 'https:evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'kebijakan/x'],
    ['an empty value', ''],
    ['a NUL', '/a\u0000b'],
    ['no value', null],
    ['a file', new File(['x'], 'x.txt')],
  ])('%s goes to the default', (_, to) => {
    expect(safeRedirect(to)).toBe('/')
    expect(safeRedirect(to, '/kebijakan/x')).toBe('/kebijakan/x')
  })

  test.each([
    ['/', '/'],
    ['/kebijakan/perbup-mamuju', '/kebijakan/perbup-mamuju'],
    ['/kebijakan/x/masukan?halaman=2#m12', '/kebijakan/x/masukan?halaman=2#m12'],
    ['/kebijakan/café', '/kebijakan/caf%C3%A9'],
    ['/%09/evil.example (still encoded)', '/%09/evil.example'],
    ['/a/../b', '/b'],
  ])('%s stays in the portal as %s', (to, expected) => {
    expect(safeRedirect(to.split(' ')[0])).toBe(expected)
  })
})
