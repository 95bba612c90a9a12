import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'

// A new password must not be one of the commonly used ones, nor built from the person's own
// e-mail address or name (docs/decisions/019-accounts-hardening.md). zxcvbn-ts with its common
// dictionary (about 30,000 of the most used passwords, keyboard walks, dates, l33t) scores it
// 0–4; below 3 (fewer than 10^8 guesses) is refused. Server-side only: the dictionary stays out
// of the browser's JavaScript.

let factory: ZxcvbnFactory | null = null
const zxcvbn = () =>
  (factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }))

export type PasswordProblem = 'auth.error.passwordPersonal' | 'auth.error.passwordCommon'

const squash = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[\s._\-+@]+/g, '')

export function passwordProblem(password: string, person: { email: string; displayName?: string }): PasswordProblem | null {
  const email = person.email.trim().toLowerCase()
  const local = email.split('@')[0] ?? ''
  const name = person.displayName ?? ''
  const plain = squash(password)
  const own = [email, local, name].map(squash).filter((s) => s.length >= 3)
  if (own.some((s) => plain.includes(s))) return 'auth.error.passwordPersonal'
  const userInputs = [email, local, ...name.split(/\s+/)].filter((s) => s.length >= 3)
  if (zxcvbn().check(password, userInputs).score < 3) return 'auth.error.passwordCommon'
  return null
}
