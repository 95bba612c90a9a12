import { Form, Link, data, useLocation } from 'react-router'
import { ShownAs } from '~/components/ShownAs'
import type { Route } from './+types/kelola.responses'
import { FormErrors } from '~/components/Field'
import { InputFilterFields } from '~/components/InputContentFields'
import { Select, TextArea } from '~/components/form-controls'
import { getConsultation } from '~/domain/consultations.server'
import { INPUT_KINDS } from '~/domain/input-rules'
import { assertCan } from '~/domain/permissions.server'
import { getSections } from '~/domain/policies.server'
import { DECISIONS, RESPONSE_REASON_MAX } from '~/domain/response-rules'
import {
  ResponseError,
  type AnswerFilter,
  answeredCounts,
  clearInputResponse,
  listInputsToAnswer,
  listThemesToAnswer,
  respondToInput,
  respondToTheme,
} from '~/domain/responses.server'
import { getLocale } from '~/i18n/locale.server'
import type { MessageKey } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatNumber } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['answers', 'consultations'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · Rembuk` : 'Rembuk' }]

/** A database id from a URL or form, or undefined: ids are positive 32-bit integers on both databases. */
function toId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return undefined
  const n = Number(value)
  return n > 0 && n <= 2_147_483_647 ? n : undefined
}

async function load(request: Request, id: string) {
  const db = getDb()
  const consultationId = toId(id)
  const consultation = consultationId ? await getConsultation(db, consultationId) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  const policy = await db
    .selectFrom('policies')
    .select(['slug', 'title', 'organisation_id'])
    .where('id', '=', consultation.policy_id)
    .executeTakeFirstOrThrow()
  const actor = await getActor(request)
  assertCan(actor, 'input.respond', { organisationId: policy.organisation_id }, new URL(request.url).pathname)
  return { db, consultation, policy, actor: actor! }
}

function readFilters(params: URLSearchParams, sectionKeys: Set<string>): { filter: AnswerFilter; raw: Record<string, string> } {
  const status = params.get('status') ?? ''
  const theme = params.get('tema') ?? ''
  const section = params.get('bagian') ?? ''
  const kind = params.get('jenis') ?? ''
  const after = toId(params.get('setelah'))
  const filter: AnswerFilter = {}
  if (status === 'belum') filter.answered = false
  if (status === 'sudah') filter.answered = true
  if (theme === 'tanpa') filter.theme = 'none'
  else if (toId(theme)) filter.theme = toId(theme)
  if (section === 'seluruh') filter.sectionKey = ''
  else if (sectionKeys.has(section)) filter.sectionKey = section
  if ((INPUT_KINDS as readonly string[]).includes(kind)) filter.kind = kind
  if (after) filter.after = after
  return { filter, raw: { status, tema: theme, bagian: section, jenis: kind } }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy } = await load(request, params.id)
  const t = translator(getLocale(request))
  const url = new URL(request.url)
  const sections = await getSections(db, consultation.version_id)
  const { filter, raw } = readFilters(url.searchParams, new Set(sections.map((s) => s.key)))
  const page = await listInputsToAnswer(db, consultation.id, filter)
  const next = new URLSearchParams(url.searchParams)
  if (page.nextCursor) next.set('setelah', String(page.nextCursor))
  const first = new URLSearchParams(url.searchParams)
  first.delete('setelah')
  return {
    title: t('answer.metaTitle', { consultation: consultation.title }),
    consultation: { id: consultation.id, title: consultation.title },
    policy: { slug: policy.slug, title: policy.title },
    counts: await answeredCounts(db, consultation.id),
    themes: await listThemesToAnswer(db, consultation.id),
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    filters: raw,
    items: page.items,
    nextHref: page.nextCursor ? `?${next}` : null,
    firstHref: filter.after ? `?${first}` : null,
  }
}

type Target = { kind: 'input'; id: number } | { kind: 'theme'; id: number }

interface ActionResult {
  formId: string
  ok: boolean
  message: string
  errors?: { decision?: string[]; reason?: string[]; form?: string[] }
  values?: { decision: string; reason: string }
}

const ERROR_KEYS: Record<ResponseError['code'], MessageKey> = {
  decision_invalid: 'answer.error.decision',
  reason_required: 'answer.error.reason',
  reason_too_long: 'answer.error.reasonTooLong',
  not_answerable: 'answer.error.notAnswerable',
  not_found: 'answer.error.gone',
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, actor } = await load(request, params.id)
  const t = translator(getLocale(request))
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  const values = { decision: String(form.get('decision') ?? ''), reason: String(form.get('reason') ?? '') }
  const targetId = toId(form.get(intent === 'respondTheme' ? 'themeId' : 'inputId')) ?? 0
  const target: Target = { kind: intent === 'respondTheme' ? 'theme' : 'input', id: targetId }
  const formId = `${target.kind === 'theme' ? 't' : 'i'}${targetId}`
  const fail = (errors: ActionResult['errors']) =>
    data<ActionResult>({ formId, ok: false, message: t('answer.error.summary'), errors, values }, { status: 400 })

  // The input or theme must belong to this consultation: the team's rights are checked for it.
  let label: string | null = null
  if (targetId > 0) {
    if (target.kind === 'theme') {
      const theme = await db.selectFrom('themes').select('title').where('id', '=', targetId).where('consultation_id', '=', consultation.id).executeTakeFirst()
      if (theme) label = `“${theme.title}”`
    } else {
      const input = await db
        .selectFrom('inputs')
        .select('tracking_number')
        .where('id', '=', targetId)
        .where('consultation_id', '=', consultation.id)
        .executeTakeFirst()
      if (input) label = input.tracking_number
    }
  }
  if (!['respondInput', 'respondTheme', 'clearInput'].includes(intent) || label === null) {
    return fail({ form: ['answer.error.gone'] })
  }

  try {
    const result =
      intent === 'clearInput'
        ? await clearInputResponse(db, { inputId: targetId, actorId: actor.id })
        : target.kind === 'theme'
          ? await respondToTheme(db, { themeId: targetId, decision: values.decision, reason: values.reason, actorId: actor.id })
          : await respondToInput(db, { inputId: targetId, decision: values.decision, reason: values.reason, actorId: actor.id })
    const message = !result.changed
      ? t('answer.unchanged', { target: label })
      : intent === 'clearInput'
        ? t('answer.cleared', { target: label })
        : result.notified > 0
          ? t('answer.saved.notified', { target: label, count: result.notified })
          : t('answer.saved', { target: label })
    return data<ActionResult>({ formId, ok: true, message })
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error
    const key = ERROR_KEYS[error.code]
    return fail(error.field ? { [error.field]: [key] } : { form: [key] })
  }
}

function ResponseForm(props: {
  formId: string
  intent: 'respondInput' | 'respondTheme'
  hidden: Record<string, string | number>
  targetLabel: string
  defaultDecision: string
  defaultReason: string
  submitLabel: string
  result: ActionResult | undefined
  action: string
}) {
  const t = useT()
  const mine = props.result?.formId === props.formId ? props.result : undefined
  const failed = mine && !mine.ok ? mine : undefined
  return (
    <Form method="post" action={props.action} className="response-form stack" id={props.formId} aria-label={`${props.submitLabel} ${t('answer.for', { target: props.targetLabel })}`}>
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={`${props.formId}-galat`} errors={failed?.errors?.form} />
      <Select
        id={`${props.formId}-keputusan`}
        name="decision"
        label={t('answer.decision')}
        placeholder={t('answer.decision.choose')}
        defaultValue={failed?.values?.decision ?? props.defaultDecision}
        errors={failed?.errors?.decision}
        options={DECISIONS.map((d) => ({ value: d, label: `${t(`decision.${d}`)}: ${t(`decision.hint.${d}`)}` }))}
      />
      <TextArea
        id={`${props.formId}-alasan`}
        name="reason"
        label={t('answer.reason')}
        hint={t('answer.reason.hint')}
        defaultValue={failed?.values?.reason ?? props.defaultReason}
        errors={failed?.errors?.reason}
        maxLength={RESPONSE_REASON_MAX}
        rows={3}
      />
      <button type="submit" className="button">
        {props.submitLabel}
        <span className="visually-hidden"> {t('answer.for', { target: props.targetLabel })}</span>
      </button>
    </Form>
  )
}

export default function AnswerInputs({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const n = (v: number) => formatNumber(v, locale)
  const { consultation, policy, counts, themes, sections, items, filters } = loaderData
  const result = actionData as ActionResult | undefined
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]))
  // Posting back to the same list (filters kept) and to the form's place on the page.
  const actionFor = (formId: string) => `${location.pathname}${location.search}#${formId}`
  const percent = counts.total ? Math.round((counts.answered / counts.total) * 100) : 0
  return (
    <div className="page answer-page">
      <p className="breadcrumb">
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{t('answer.title')}</h1>
      <p className="lead">{t('answer.intro')}</p>
      {result ? (
        result.ok ? (
          <p className="notice" role="status">
            {result.message}
          </p>
        ) : (
          <div className="form-errors" role="alert">
            <p>
              {result.message} <a href={`#${result.formId}`}>{t('answer.error.goTo')}</a>
            </p>
          </div>
        )
      ) : null}
      <section aria-labelledby="kemajuan" className="panel answer-progress">
        <h2 id="kemajuan">{t('answer.progress')}</h2>
        <p>{t('answer.counts', { answered: n(counts.answered), total: n(counts.total), unanswered: n(counts.unanswered) })}</p>
        <progress max={Math.max(counts.total, 1)} value={counts.answered} aria-labelledby="kemajuan">
          {percent}%
        </progress>
        <p>
          <Link to={`/kebijakan/${policy.slug}/matriks?konsultasi=${consultation.id}`}>{t('answer.publicMatrix')}</Link>
        </p>
      </section>

      <section aria-labelledby="tema-judul">
        <h2 id="tema-judul">{t('answer.themes.title')}</h2>
        {themes.length === 0 ? (
          <p className="empty-state">{t('answer.themes.none')}</p>
        ) : (
          <ul className="answer-list">
            {themes.map((theme) => (
              <li key={theme.id} className="answer-card">
                <article aria-labelledby={`tema-${theme.id}`}>
                  <h3 id={`tema-${theme.id}`} className="answer-card__title">
                    {theme.title}
                  </h3>
                  {theme.summary ? <p>{theme.summary}</p> : null}
                  <p className="answer-card__meta">{t('answer.theme.inputs', { count: n(theme.inputs), own: n(theme.ownResponses) })}</p>
                  <p className="answer-state">
                    {theme.decision ? (
                      <>
                        <strong>{t('answer.theme.state', { decision: t(`decision.${theme.decision}`) })}</strong> — {theme.reason}
                      </>
                    ) : (
                      t('answer.theme.state.none')
                    )}
                  </p>
                  <ResponseForm
                    key={`${theme.id}-${theme.updated_at ?? ''}`}
                    formId={`t${theme.id}`}
                    intent="respondTheme"
                    hidden={{ themeId: theme.id }}
                    targetLabel={t('answer.theme', { theme: theme.title })}
                    defaultDecision={theme.decision ?? ''}
                    defaultReason={theme.reason ?? ''}
                    submitLabel={t('answer.saveTheme')}
                    result={result}
                    action={actionFor(`t${theme.id}`)}
                  />
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="masukan-judul">
        <h2 id="masukan-judul">{t('answer.inputs.title')}</h2>
        <Form method="get" className="filters" aria-label={t('answer.filters')}>
          <Select
            id="saring-status"
            name="status"
            label={t('answer.filter.status')}
            defaultValue={filters.status}
            options={[
              { value: '', label: t('answer.filter.status.all') },
              { value: 'belum', label: t('answer.filter.status.unanswered') },
              { value: 'sudah', label: t('answer.filter.status.answered') },
            ]}
          />
          <Select
            id="saring-tema"
            name="tema"
            label={t('answer.filter.theme')}
            defaultValue={filters.tema}
            options={[
              { value: '', label: t('answer.filter.theme.all') },
              { value: 'tanpa', label: t('answer.filter.theme.none') },
              ...themes.map((theme) => ({ value: String(theme.id), label: theme.title })),
            ]}
          />
          <InputFilterFields sections={sections} values={{ section: filters.bagian, kind: filters.jenis }} allSections="" />
          <button type="submit" className="button button--secondary">
            {t('inputs.filter.apply')}
          </button>
        </Form>
        {items.length === 0 ? (
          <p className="empty-state">{t('answer.none')}</p>
        ) : (
          <>
            <p className="muted">{t('answer.showing', { count: n(items.length) })}</p>
            <ol className="answer-list">
              {items.map((item) => {
                const formId = `i${item.id}`
                return (
                  <li key={item.id} className="answer-card">
                    <article aria-labelledby={`masukan-${item.id}`}>
                      <h3 id={`masukan-${item.id}`} className="answer-card__title">
                        <span className={`kind-badge kind-badge--${item.kind}`}>{t(`kind.${item.kind}`)}</span>{' '}
                        <Link to={`/masukan/${item.tracking_number}`}>
                          {item.tracking_number}
                        </Link>{' '}
                        · <ShownAs label={item.display_label} verified={item.display_mode === 'verified_role'} />
                      </h3>
                      <p className="answer-card__meta">
                        {item.section_key ? (item.section_heading ?? headingOf.get(item.section_key)) : t('input.section.whole')} · {item.topic} ·{' '}
                        {item.theme_title ? t('answer.theme', { theme: item.theme_title }) : t('answer.noTheme')}
                        {item.count > 1 ? <strong> · {t('matrix.group', { count: n(item.count) })}</strong> : null}
                      </p>
                      {item.proposed_text ? <blockquote>{item.proposed_text}</blockquote> : null}
                      <p className="prewrap">{item.reason}</p>
                      <p className="answer-state">
                        {item.response_source === 'input' ? (
                          <>
                            <strong>{t('answer.state.own', { decision: t(`decision.${item.own_decision!}`) })}</strong> {item.own_reason}
                          </>
                        ) : item.response_source === 'theme' ? (
                          <>
                            <strong>{t('answer.state.theme', { theme: item.theme_title ?? '', decision: t(`decision.${item.theme_decision!}`) })}</strong>{' '}
                            {item.theme_reason}
                          </>
                        ) : item.theme_title ? (
                          t('answer.state.themeUnanswered', { theme: item.theme_title })
                        ) : (
                          t('answer.state.none')
                        )}
                      </p>
                      <ResponseForm
                        key={`${item.id}-${item.own_decision ?? ''}-${item.own_reason ?? ''}`}
                        formId={formId}
                        intent="respondInput"
                        hidden={{ inputId: item.id }}
                        targetLabel={item.tracking_number}
                        defaultDecision={item.own_decision ?? ''}
                        defaultReason={item.own_reason ?? ''}
                        submitLabel={t('answer.save')}
                        result={result}
                        action={actionFor(formId)}
                      />
                      {item.own_decision && item.theme_title ? (
                        <Form method="post" action={actionFor(formId)} className="inline-form">
                          <input type="hidden" name="intent" value="clearInput" />
                          <input type="hidden" name="inputId" value={item.id} />
                          <button type="submit" className="link-button">
                            {t('answer.clear')}
                            <span className="visually-hidden"> {t('answer.for', { target: item.tracking_number })}</span>
                          </button>
                        </Form>
                      ) : null}
                    </article>
                  </li>
                )
              })}
            </ol>
          </>
        )}
        <nav className="pager" aria-label={t('matrix.pages')}>
          {loaderData.firstHref ? <Link to={loaderData.firstHref}>{t('matrix.first')}</Link> : null}
          {loaderData.nextHref ? (
            <Link to={loaderData.nextHref} className="button button--secondary">
              {t('matrix.next')}
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  )
}
