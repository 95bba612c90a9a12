import type { catalogues } from './messages.server'

/**
 * Types and small helpers for the interface's words, safe in the browser. The catalogues
 * themselves are server only (`messages.server.ts`); a page receives the words it needs from the
 * root loader (`useT()`), as declared in its route module's `handle` (docs/decisions/020).
 * Bahasa Indonesia is the default and the source of truth for keys; English must define every
 * key too (the type checks it).
 */

export const LOCALES = ['id', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'id'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

type Catalogues = typeof catalogues
/** A catalogue's name: its file name in app/i18n/catalogues/. */
export type Feature = keyof Catalogues
export type MessageKey = { [F in Feature]: keyof Catalogues[F]['id'] }[Feature]
export type Messages = Partial<Record<MessageKey, string>>

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

/** A translator over a set of messages; a key it lacks is shown as the key itself. */
export function translatorFrom(messages: Messages, fallback?: Messages): Translate {
  return (key, vars) => {
    const text = messages[key] ?? fallback?.[key] ?? key
    if (!vars) return text
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
  }
}

/**
 * Messages travel from server to form as keys with arguments: "validation.tooShort|10" (one
 * unnamed argument, offered as min, max and minutes) or "input.error.closed|date=1 Desember 2026"
 * (named). This renders them in the reader's language; a string that is no known key is shown as is.
 */
export function translateError(t: Translate, error: string): string {
  const [key, ...args] = error.split('|')
  const vars: Record<string, string> = {}
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq === -1) Object.assign(vars, { min: arg, max: arg, minutes: arg })
    else vars[arg.slice(0, eq)] = arg.slice(eq + 1)
  }
  const text = t(key as MessageKey, vars)
  return text === key ? error : text
}
