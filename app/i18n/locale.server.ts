import { DEFAULT_LOCALE, type Locale, isLocale } from '~/i18n/messages'
import { readCookie, serializeCookie } from '~/lib/session.server'

export const LOCALE_COOKIE = 'rembuk_lang'

/** The visitor's chosen language, remembered in a cookie; Bahasa Indonesia until they choose. */
export function getLocale(request: Request): Locale {
  const chosen = readCookie(request, LOCALE_COOKIE)
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE
}

export function localeCookie(request: Request, locale: Locale): string {
  return serializeCookie(request, LOCALE_COOKIE, locale, 365 * 24 * 60 * 60, false)
}
