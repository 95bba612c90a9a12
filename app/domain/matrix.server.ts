import type { Kysely, Transaction } from 'kysely'
import type { Channel, Database, Decision, DisplayMode, GroupType, InputKind } from '~db/schema'
import { inputsWithResponse, leadsOnly, responseColumns, rowCount } from '~/domain/responses.server'

type Db = Kysely<Database> | Transaction<Database>

/**
 * The response matrix (matriks tanggapan): every published input of a consultation with its
 * section, decision and reason, in the order of the draft. A duplicate group is one row with its
 * count; complaints about public services come last, apart, outside the decisions.
 *
 * It is read in segments: one per section of each consultation's version (the whole draft first),
 * then one for the complaints. Each segment is one index range (inputs_section_list,
 * inputs_consultation), so a page costs the same on the first page and the thousandth.
 */

export type MatrixScope = { consultationId: number } | { policyId: number }

export interface MatrixRow {
  id: number
  type: 'input' | 'group' | 'complaint'
  consultationId: number
  trackingNumber: string
  /** Published inputs this row stands for (a duplicate group's size). */
  count: number
  sectionKey: string
  /** '' for input on the whole draft. */
  sectionHeading: string
  kind: InputKind
  topic: string
  proposedText: string
  reason: string
  displayLabel: string
  /** The label is a verified civil-servant role (display mode verified_role), not a chosen name. */
  verified: boolean
  groupName: string
  groupType: GroupType | ''
  channel: Channel
  receivedAt: string
  publishedAt: string | null
  decision: Decision | null
  responseReason: string | null
  responseSource: 'input' | 'theme' | null
  themeTitle: string | null
  respondedAt: string | null
}

export class MatrixCursorError extends Error {
  constructor() {
    super('bad_cursor')
  }
}

interface Segment {
  consultationId: number
  versionId: number
  /** null: the consultation's complaints. */
  sectionKey: string | null
  heading: string
}

export const MATRIX_PAGE_SIZE = 50
// Ids are 32-bit integers on both databases; a larger number in a cursor is not one we gave.
const MAX_ID = 2_147_483_647
export const MATRIX_STREAM_PAGE = 500

async function segmentsOf(db: Db, scope: MatrixScope): Promise<Segment[]> {
  let query = db.selectFrom('consultations').select(['id', 'version_id'])
  query = 'consultationId' in scope ? query.where('id', '=', scope.consultationId) : query.where('policy_id', '=', scope.policyId)
  const consultations = await query.orderBy('opens_at').orderBy('id').execute()
  const out: Segment[] = []
  for (const c of consultations) {
    const sections = await db.selectFrom('sections').select(['key', 'heading']).where('version_id', '=', c.version_id).orderBy('position').execute()
    out.push({ consultationId: c.id, versionId: c.version_id, sectionKey: '', heading: '' })
    for (const s of sections) out.push({ consultationId: c.id, versionId: c.version_id, sectionKey: s.key, heading: s.heading })
  }
  for (const c of consultations) out.push({ consultationId: c.id, versionId: c.version_id, sectionKey: null, heading: '' })
  return out
}

function encodeCursor(segment: Segment, lastId: number): string {
  return Buffer.from(JSON.stringify([segment.consultationId, segment.sectionKey, lastId])).toString('base64url')
}

function decodeCursor(cursor: string, segments: Segment[]): { index: number; lastId: number } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(value) && value.length === 3 && Number.isSafeInteger(value[2]) && value[2] >= 0 && value[2] <= MAX_ID) {
      const [consultationId, sectionKey, lastId] = value as [number, string | null, number]
      const index = segments.findIndex((s) => s.consultationId === consultationId && s.sectionKey === sectionKey)
      if (index !== -1) return { index, lastId }
    }
  } catch {
    // Falls through to the error below.
  }
  throw new MatrixCursorError()
}

const baseColumns = [
  'inputs.id',
  'inputs.consultation_id',
  'inputs.tracking_number',
  'inputs.section_key',
  'inputs.kind',
  'inputs.topic',
  'inputs.proposed_text',
  'inputs.reason',
  'inputs.display_mode',
  'inputs.display_label',
  'inputs.group_name',
  'inputs.group_type',
  'inputs.channel',
  'inputs.received_at',
  'inputs.published_at',
] as const

async function readSegment(db: Db, segment: Segment, afterId: number, limit: number): Promise<MatrixRow[]> {
  if (segment.sectionKey === null) {
    const rows = await db
      .selectFrom('inputs')
      .select(baseColumns)
      .where('inputs.consultation_id', '=', segment.consultationId)
      .where('inputs.status', '=', 'published')
      .where('inputs.id', '>', afterId)
      .where('inputs.is_complaint', '=', 1)
      .orderBy('inputs.id')
      .limit(limit)
      .execute()
    return rows.map((r) => toRow(r, { type: 'complaint', count: 1, heading: null }))
  }
  const rows = await inputsWithResponse(db)
    .select([...baseColumns, 'rep.id as rep_id', rowCount.as('count'), ...responseColumns()])
    .where('inputs.version_id', '=', segment.versionId)
    .where('inputs.section_key', '=', segment.sectionKey)
    .where('inputs.status', '=', 'published')
    .where('inputs.id', '>', afterId)
    .where('inputs.consultation_id', '=', segment.consultationId)
    .where('inputs.is_complaint', '=', 0)
    .where(leadsOnly)
    .orderBy('inputs.id')
    .limit(limit)
    .execute()
  return rows.map((r) => {
    return {
      ...toRow(r, { type: r.rep_id === null ? 'input' : 'group', count: Number(r.count), heading: segment.heading }),
      decision: r.decision,
      responseReason: r.response_reason,
      responseSource: r.response_source,
      themeTitle: r.response_source === 'theme' ? r.theme_title : null,
      respondedAt: r.responded_at,
    }
  })
}

type BaseRow = {
  id: number
  consultation_id: number
  tracking_number: string
  section_key: string
  kind: InputKind
  topic: string
  proposed_text: string
  reason: string
  display_mode: DisplayMode
  display_label: string
  group_name: string
  group_type: GroupType | ''
  channel: Channel
  received_at: string
  published_at: string | null
}

function toRow(r: BaseRow, extra: { type: MatrixRow['type']; count: number; heading: string | null }): MatrixRow {
  return {
    id: r.id,
    type: extra.type,
    consultationId: r.consultation_id,
    trackingNumber: r.tracking_number,
    count: extra.count,
    sectionKey: r.section_key,
    sectionHeading: extra.heading ?? '',
    kind: r.kind,
    topic: r.topic,
    proposedText: r.proposed_text,
    reason: r.reason,
    displayLabel: r.display_label,
    verified: r.display_mode === 'verified_role' && r.display_label !== '',
    groupName: r.group_name,
    groupType: r.group_type,
    channel: r.channel,
    receivedAt: r.received_at,
    publishedAt: r.published_at,
    decision: null,
    responseReason: null,
    responseSource: null,
    themeTitle: null,
    respondedAt: null,
  }
}

async function readPage(db: Db, segments: Segment[], cursor: string | null | undefined, limit: number) {
  let { index, lastId } = cursor ? decodeCursor(cursor, segments) : { index: 0, lastId: 0 }
  const rows: (MatrixRow & { segment: Segment })[] = []
  // One row more than asked tells whether another page follows.
  for (; index < segments.length && rows.length <= limit; index++, lastId = 0) {
    const segment = segments[index]
    const found = await readSegment(db, segment, lastId, limit + 1 - rows.length)
    rows.push(...found.map((row) => ({ ...row, segment })))
  }
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    rows: page.map(({ segment: _segment, ...row }) => row as MatrixRow),
    nextCursor: rows.length > limit && last ? encodeCursor(last.segment, last.id) : null,
  }
}

/**
 * One page of the matrix of a consultation, or of every consultation of a policy (oldest first).
 * Throws MatrixCursorError for a cursor it did not give.
 */
export async function getMatrix(db: Db, scope: MatrixScope, options: { cursor?: string | null; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? MATRIX_PAGE_SIZE, 1), MATRIX_STREAM_PAGE)
  return readPage(db, await segmentsOf(db, scope), options.cursor, limit)
}

/** The whole matrix, a page at a time, for the CSV and PDF downloads: never all in memory. */
export async function* iterateMatrix(db: Db, scope: MatrixScope, pageSize = MATRIX_STREAM_PAGE): AsyncGenerator<MatrixRow[]> {
  const segments = await segmentsOf(db, scope)
  let cursor: string | null = null
  do {
    const page: { rows: MatrixRow[]; nextCursor: string | null } = await readPage(db, segments, cursor, pageSize)
    if (page.rows.length) yield page.rows
    cursor = page.nextCursor
  } while (cursor)
}

// ---------------------------------------------------------------------------------------------
// Open data: every published input of a policy, with only what its submitter made public

export interface OpenInput {
  tracking_number: string
  consultation_id: number
  version: number
  section_key: string
  section_heading: string
  kind: InputKind
  proposed_text: string
  reason: string
  topic: string
  shown_as: string
  /** shown_as is a verified civil-servant role, checked by its organisation. */
  verified: boolean
  group_name: string
  group_type: string
  channel: Channel
  received_at: string
  published_at: string | null
  complaint: boolean
  duplicate_of: string | null
  theme: string | null
  decision: Decision | null
  response_reason: string | null
  response_via: 'input' | 'theme' | null
  responded_at: string | null
}

export const OPEN_INPUT_FIELDS: (keyof OpenInput)[] = [
  'tracking_number',
  'consultation_id',
  'version',
  'section_key',
  'section_heading',
  'kind',
  'proposed_text',
  'reason',
  'topic',
  'shown_as',
  'verified',
  'group_name',
  'group_type',
  'channel',
  'received_at',
  'published_at',
  'complaint',
  'duplicate_of',
  'theme',
  'decision',
  'response_reason',
  'response_via',
  'responded_at',
]

/** Published inputs of a policy in id order, a page at a time (inputs_policy_list). */
export async function* iteratePublishedInputs(db: Db, policyId: number, pageSize = MATRIX_STREAM_PAGE): AsyncGenerator<OpenInput[]> {
  let after = 0
  for (;;) {
    const rows = await inputsWithResponse(db)
      .innerJoin('policy_versions', 'policy_versions.id', 'inputs.version_id')
      .leftJoin('sections', (join) =>
        join.onRef('sections.version_id', '=', 'inputs.version_id').onRef('sections.key', '=', 'inputs.section_key'),
      )
      .select([
        ...baseColumns,
        'inputs.is_complaint',
        'policy_versions.number as version',
        'sections.heading as section_heading',
        'rep.id as rep_id',
        'rep.tracking_number as rep_tracking_number',
        ...responseColumns(),
      ])
      .where('inputs.policy_id', '=', policyId)
      .where('inputs.status', '=', 'published')
      .where('inputs.id', '>', after)
      .orderBy('inputs.id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return
    yield rows.map((r) => {
      const complaint = Boolean(r.is_complaint)
      return {
        tracking_number: r.tracking_number,
        consultation_id: r.consultation_id,
        version: r.version,
        section_key: r.section_key,
        section_heading: r.section_heading ?? '',
        kind: r.kind,
        proposed_text: r.proposed_text,
        reason: r.reason,
        topic: r.topic,
        shown_as: r.display_label,
        verified: r.display_mode === 'verified_role' && r.display_label !== '',
        group_name: r.group_name,
        group_type: r.group_type,
        channel: r.channel,
        received_at: r.received_at,
        published_at: r.published_at,
        complaint,
        duplicate_of: r.rep_id !== null && r.rep_id !== r.id ? r.rep_tracking_number : null,
        theme: complaint ? null : r.theme_title,
        decision: complaint ? null : r.decision,
        response_reason: complaint ? null : r.response_reason,
        response_via: complaint ? null : r.response_source,
        responded_at: complaint ? null : r.responded_at,
      }
    })
    if (rows.length < pageSize) return
    after = rows[rows.length - 1].id
  }
}

/** Published complaints of a consultation: listed apart, outside the decisions. */
export async function countComplaints(db: Db, consultationId: number): Promise<number> {
  const row = await db
    .selectFrom('inputs')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'published')
    .where('is_complaint', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
