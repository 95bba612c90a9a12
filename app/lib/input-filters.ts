import { INPUT_KINDS } from '~/domain/input-rules'
import type { InputKind } from '~db/schema'
import { dbInteger } from '~/lib/ids'

/** Reads list filters from a URL; anything unknown is ignored rather than an error. */
export function readInputFilters(params: URLSearchParams, names = { section: 'bagian', kind: 'jenis', topic: 'topik', cursor: 'setelah' }) {
  const section = params.get(names.section)
  const kind = params.get(names.kind)
  const topic = params.get(names.topic)
  const cursor = dbInteger(params.get(names.cursor)) ?? 0
  return {
    sectionKey: section === null || section === 'semua' ? undefined : section === 'seluruh' ? '' : section,
    kind: INPUT_KINDS.includes(kind as InputKind) ? (kind as InputKind) : undefined,
    topic: topic || undefined,
    before: Number.isInteger(cursor) && cursor > 0 ? cursor : undefined,
  }
}
