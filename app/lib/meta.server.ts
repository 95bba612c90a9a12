import type { idMeta } from '~/i18n/catalogues/meta'
import type { MessageKey, Translate } from '~/i18n/messages'

type DescribedPage = keyof typeof idMeta extends `meta.${infer Page}` ? Page : never

/**
 * A page's meta description in the reader's language (`meta.<page>` in app/i18n/catalogues/meta.ts),
 * written by its loader. The words stay on the server: the browser gets the finished string with the
 * page's data, so no page declares the `meta` catalogue in its handle (docs/decisions/020).
 */
export function describePage(t: Translate, page: DescribedPage, vars?: Record<string, string | number>): string {
  return t(`meta.${page}` as MessageKey, vars)
}
