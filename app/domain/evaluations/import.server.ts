import { parse } from 'csv-parse/sync'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import type { Question } from '~/domain/consultations.server'
import { EvaluationError } from '~/domain/evaluations/errors'
import { IMPORT_LIMITS, PROFILE_FIELDS, SKM_ELEMENTS, type SkmElement, elementCode } from '~/domain/evaluations/skm'
import { type CheckedResponse, checkResponse, getSurveyQuestions, insertPaperResponses } from '~/domain/evaluations/survey.server'
import { defineJob, enqueueJob } from '~/jobs/jobs.server'
import { nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Paper questionnaires uploaded as CSV: every row is checked first and every problem reported by
 * row and column; only a file without a single error is imported, in one transaction, so nothing
 * is ever partly imported. The import's state and progress live in `survey_imports`, so the page
 * shows them while it runs; it runs as a background job (docs/decisions/041-survey-csv-import.md).
 */

export { IMPORT_LIMITS } from '~/domain/evaluations/skm'

/** Column names: U1–U9, the profile in Indonesian, the comment, and q<id> for the period's own questions. */
export const PROFILE_COLUMNS: Record<(typeof PROFILE_FIELDS)[number], string> = {
  age: 'usia',
  sex: 'jenis_kelamin',
  education: 'pendidikan',
  occupation: 'pekerjaan',
}
export const COMMENT_COLUMN = 'saran'

export function importColumns(questions: Pick<Question, 'id'>[]): string[] {
  return [...SKM_ELEMENTS.map(elementCode), ...Object.values(PROFILE_COLUMNS), COMMENT_COLUMN, ...questions.map((q) => `q${q.id}`)]
}

export interface ImportRowError {
  /** The line in the file (the header is line 1). */
  row: number
  column: string
  code: EvaluationError['code'] | 'unknown_column' | 'missing_column' | 'unreadable' | 'too_many_rows' | 'empty'
  detail?: string
}

/** Reads and checks a whole file; never writes. */
export function checkSurveyCsv(text: string, questions: Question[]): { rows: CheckedResponse[]; errors: ImportRowError[] } {
  let records: string[][]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][]
  } catch (error) {
    return { rows: [], errors: [{ row: Number((error as { lines?: number }).lines ?? 1), column: '', code: 'unreadable' }] }
  }
  if (records.length < 2) return { rows: [], errors: [{ row: 1, column: '', code: 'empty' }] }
  if (records.length - 1 > IMPORT_LIMITS.rows) return { rows: [], errors: [{ row: 1, column: '', code: 'too_many_rows', detail: String(IMPORT_LIMITS.rows) }] }
  const header = records[0].map((h) => h.trim().toLowerCase())
  const known = importColumns(questions).map((c) => c.toLowerCase())
  const errors: ImportRowError[] = []
  header.forEach((h) => {
    if (h && !known.includes(h)) errors.push({ row: 1, column: h, code: 'unknown_column' })
  })
  for (const code of SKM_ELEMENTS.map(elementCode)) {
    if (!header.includes(code.toLowerCase())) errors.push({ row: 1, column: code, code: 'missing_column' })
  }
  if (errors.length) return { rows: [], errors }
  const at = (cells: string[], column: string) => {
    const i = header.indexOf(column.toLowerCase())
    return i === -1 ? '' : (cells[i] ?? '').trim()
  }
  const rows: CheckedResponse[] = []
  records.slice(1).forEach((cells, index) => {
    const line = index + 2
    const scores: Partial<Record<SkmElement, number | null>> = {}
    for (const element of SKM_ELEMENTS) {
      const raw = at(cells, elementCode(element))
      scores[element] = raw === '' ? null : /^\d+$/.test(raw) ? Number(raw) : Number.NaN
    }
    const answers: Record<string, unknown> = {}
    for (const q of questions) {
      const raw = at(cells, `q${q.id}`)
      if (raw !== '') answers[`q${q.id}`] = q.kind === 'multiple' ? raw.split(';').map((v) => v.trim()) : raw
    }
    const { value, errors: rowErrors } = checkResponse(
      {
        scores,
        profile: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, at(cells, PROFILE_COLUMNS[f]).toLowerCase()])),
        answers,
        comment: at(cells, COMMENT_COLUMN),
        shareComment: false,
      },
      questions,
    )
    for (const e of rowErrors) {
      const column = /^u\d$/.test(e.field)
        ? e.field.toUpperCase()
        : e.field in PROFILE_COLUMNS
          ? PROFILE_COLUMNS[e.field as keyof typeof PROFILE_COLUMNS]
          : e.field === 'comment'
            ? COMMENT_COLUMN
            : e.field.replace(/^answers\./, '')
      errors.push({ row: line, column: e.code === 'nothing_answered' ? 'U1–U9' : column, code: e.code, detail: e.detail })
    }
    rows.push(value)
  })
  return { rows, errors }
}

/** Records an uploaded file for import (checked and imported by `runSurveyImport`). */
export async function createSurveyImport(db: Kysely<Database>, input: { periodId: number; fileName: string; source: string; actorId: number | null }) {
  const period = await db.selectFrom('evaluation_periods').select(['id', 'report_status']).where('id', '=', input.periodId).executeTakeFirst()
  if (!period) throw new EvaluationError('not_found')
  if (period.report_status === 'published') throw new EvaluationError('report_published', 'file')
  if (Buffer.byteLength(input.source) > IMPORT_LIMITS.bytes) throw new EvaluationError('too_long', 'file')
  return db
    .insertInto('survey_imports')
    .values({
      period_id: period.id,
      status: 'validating',
      file_name: input.fileName.slice(0, 200),
      source: input.source,
      created_by: input.actorId,
      created_at: nowIso(),
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

const PROGRESS_EVERY = 250

/**
 * Checks every row (progress written as it goes), then imports all of them in one transaction,
 * or none when any row has an error. Safe to run again on an import that did not finish.
 */
export async function runSurveyImport(
  db: Kysely<Database>,
  importId: number,
  report: (done: number, total: number) => Promise<void> = async () => undefined,
) {
  const row = await db.selectFrom('survey_imports').selectAll().where('id', '=', importId).executeTakeFirst()
  if (!row || row.status === 'done' || row.status === 'failed') return
  const questions = await getSurveyQuestions(db, row.period_id)
  const { rows, errors } = checkSurveyCsv(row.source, questions)
  await db.updateTable('survey_imports').set({ total_rows: rows.length, processed_rows: 0 }).where('id', '=', importId).execute()
  // The check itself is quick; its progress is written in steps so a large file shows movement.
  for (let done = PROGRESS_EVERY; done < rows.length; done += PROGRESS_EVERY) {
    await db.updateTable('survey_imports').set({ processed_rows: done }).where('id', '=', importId).execute()
    await report(done, rows.length)
  }
  await report(rows.length, rows.length)
  const finish = async (values: { status: 'failed' | 'done'; errors?: ImportRowError[]; imported?: number }) =>
    db
      .updateTable('survey_imports')
      .set({
        status: values.status,
        processed_rows: rows.length,
        imported: values.imported ?? 0,
        errors: JSON.stringify((values.errors ?? []).slice(0, IMPORT_LIMITS.storedErrors)),
        finished_at: nowIso(),
      })
      .where('id', '=', importId)
      .execute()
  if (errors.length) {
    await finish({ status: 'failed', errors })
    return
  }
  await db.updateTable('survey_imports').set({ status: 'importing', processed_rows: rows.length }).where('id', '=', importId).execute()
  try {
    await db.transaction().execute(async (trx) => {
      const period = await trx.selectFrom('evaluation_periods').select('report_status').where('id', '=', row.period_id).executeTakeFirstOrThrow()
      if (period.report_status === 'published') throw new EvaluationError('report_published')
      await insertPaperResponses(trx, row.period_id, rows, questions, { enteredBy: row.created_by, importId, at: nowIso() })
    })
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error
    await finish({ status: 'failed', errors: [{ row: 1, column: '', code: error.code }] })
    return
  }
  await finish({ status: 'done', imported: rows.length })
}

export async function getSurveyImport(db: Db, periodId: number, importId: number) {
  const row = await db
    .selectFrom('survey_imports')
    .select(['id', 'status', 'file_name', 'total_rows', 'processed_rows', 'imported', 'errors', 'created_at', 'finished_at'])
    .where('id', '=', importId)
    .where('period_id', '=', periodId)
    .executeTakeFirst()
  return row ? { ...row, errors: JSON.parse(row.errors) as ImportRowError[] } : null
}

export async function listSurveyImports(db: Db, periodId: number) {
  return db
    .selectFrom('survey_imports')
    .select(['id', 'status', 'file_name', 'total_rows', 'imported', 'created_at'])
    .where('period_id', '=', periodId)
    .orderBy('id', 'desc')
    .limit(20)
    .execute()
}

/** The import as a background job (docs/decisions/024): one run per import, its progress shown by <JobProgress>. */
export const SURVEY_IMPORT_JOB = 'evaluations.import-survey'

export const surveyImportJob = defineJob<{ importId: number }>({
  name: SURVEY_IMPORT_JOB,
  maxAttempts: 2,
  async run(ctx) {
    await runSurveyImport(ctx.db, ctx.job.payload.importId, (done, total) => ctx.progress(done, total))
    return { importId: ctx.job.payload.importId }
  },
})

/** Queues an import's run; its key is the import's id, so it runs once (again only if asked). */
export async function enqueueSurveyImport(db: Kysely<Database>, input: { importId: number; organisationId: number }) {
  return enqueueJob(db, SURVEY_IMPORT_JOB, input.importId, { importId: input.importId }, { organisationId: input.organisationId })
}
