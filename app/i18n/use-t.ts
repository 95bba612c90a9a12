import { useRouteLoaderData } from 'react-router'
import { DEFAULT_LOCALE, type Locale, translator } from '~/i18n/messages'

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined
  return data?.locale ?? DEFAULT_LOCALE
}

export function useT() {
  return translator(useLocale())
}
