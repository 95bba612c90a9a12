import type { Feature } from '~/i18n/messages'

/**
 * What a route module tells the portal about its page, as `export const handle: PageHandle = {…}`.
 * - `i18n`: the message catalogues (file names in app/i18n/catalogues/) the page, its components
 *   and its action's errors use; the root loader sends those, in the reader's language only, and
 *   `core` always (docs/decisions/020). tests/unit/catalogues.test.ts checks the list.
 * - `scripts: false`: the page is a document to read; it is sent without JavaScript (no hydration,
 *   no copy of its data for the browser). Its links and forms work as plain HTML (docs/decisions/021).
 */
export interface PageHandle {
  i18n?: readonly Feature[]
  scripts?: false
}
