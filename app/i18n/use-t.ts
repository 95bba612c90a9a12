import { useMemo } from 'react'
import { useRouteLoaderData } from 'react-router'
import { DEFAULT_LOCALE, type Locale, type Messages, type Translate, translatorFrom } from '~/i18n/messages'

interface RootI18n {
  locale?: Locale
  messages?: Messages
}

function useRootI18n(): RootI18n | undefined {
  return useRouteLoaderData('root') as RootI18n | undefined
}

export function useLocale(): Locale {
  return useRootI18n()?.locale ?? DEFAULT_LOCALE
}

/** The reader's words: the messages the root loader sent for this page (its route's `handle.i18n`). */
export function useT(): Translate {
  const messages = useRootI18n()?.messages
  return useMemo(() => translatorFrom(messages ?? {}), [messages])
}

/**
 * The language of the portal's content (policy text, section headings, citizens' inputs), which is
 * Bahasa Indonesia whatever the reader chose: `lang="id"` on it when the page is in another
 * language, so a screen reader pronounces it as Indonesian (WCAG 3.1.2); nothing on Indonesian pages.
 */
export function useContentLang(): 'id' | undefined {
  return useLocale() === 'id' ? undefined : 'id'
}
