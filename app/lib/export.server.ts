import { stringify } from 'csv-stringify/sync'

/**
 * Streams for downloads and open data: rows are read from the database a page at a time, only
 * when the reader is ready for more (pull), so an export of a million inputs never sits in memory.
 */

/** A byte stream that encodes each page of rows as it is pulled; stopping the download stops the reading. */
export function streamPages<T>(pages: AsyncIterable<T[]>, encode: (rows: T[], first: boolean) => string, empty = ''): ReadableStream<Uint8Array> {
  const iterator = pages[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  let first = true
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next()
        if (next.done) {
          if (first && empty) controller.enqueue(encoder.encode(empty))
          controller.close()
          return
        }
        controller.enqueue(encoder.encode(encode(next.value, first)))
        first = false
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel() {
      await iterator.return?.(undefined)
    },
  })
}

export interface CsvColumn<T> {
  header: string
  value: (row: T) => string | number | boolean | null
}

/**
 * CSV with a header line. Cells a spreadsheet would run as a formula (=, +, -, @ first) are
 * prefixed with a quote, since the text comes from the public.
 */
export function csvStream<T>(pages: AsyncIterable<T[]>, columns: CsvColumn<T>[], options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const headerLine = stringify([columns.map((c) => c.header)])
  const prefix = options.bom ? '\uFEFF' : ''
  return streamPages(
    pages,
    (rows, first) =>
      (first ? prefix + headerLine : '') +
      stringify(
        rows.map((row) => columns.map((c) => c.value(row))),
        { escape_formulas: true, cast: { boolean: (v) => (v ? 'true' : 'false') } },
      ),
    prefix + headerLine,
  )
}

/** One JSON object a line. */
export function ndjsonStream<T>(pages: AsyncIterable<T[]>): ReadableStream<Uint8Array> {
  return streamPages(pages, (rows) => rows.map((row) => `${JSON.stringify(row)}\n`).join(''))
}

/** A download's headers: type, file name, and no caching of live data. */
export function downloadHeaders(type: string, fileName?: string): Headers {
  const headers = new Headers({ 'Content-Type': type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' })
  if (fileName) headers.set('Content-Disposition', `attachment; filename="${fileName}"`)
  return headers
}
