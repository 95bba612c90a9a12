import { getFormProps, useForm } from '@conform-to/react'
import { ShownAs } from '~/components/ShownAs'
import { parseWithZod } from '@conform-to/zod/v4'
import { type MouseEvent, useEffect, useRef, useState } from 'react'
import { Form, Link, data, redirect, useLocation } from 'react-router'
import type { Route } from './+types/kelola.moderation'
import { FormErrors } from '~/components/Field'
import { FieldError, Select, TextInput } from '~/components/form-controls'
import { INPUT_KINDS } from '~/domain/input-rules'
import {
  CHANNELS,
  HELD_REASONS,
  HIDDEN_REASONS,
  type HiddenReason,
  INPUT_STATUSES,
  MODERATION_ACTIONS,
  type ModerationAction,
  NOTE_MAX,
  SEARCH_MAX,
  isHiddenReason,
  isModerationAction,
} from '~/domain/moderation-rules'
import { ModerationError, countQueue, getModerationScope, listQueue, moderateInputs } from '~/domain/moderation.server'
import { assertCan } from '~/domain/permissions.server'
import { getSections } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import type { Translate } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { BulkSchema, HELD_PARAM, STATUS_PARAM, queueSearch, readQueueParams } from '~/lib/moderation-form'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'moderation'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · ${data.consultation.title} · Rembuk` : 'Rembuk' }]

/** Longer texts are cut in the queue; the input's own page has them whole. */
const EXCERPT = 600

async function requireModerator(request: Request, id: string) {
  const scope = await getModerationScope(getDb(), Number(id))
  if (!scope) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  const url = new URL(request.url)
  assertCan(actor, 'input.moderate', { organisationId: scope.organisation_id }, url.pathname + url.search)
  return { scope, actor: actor! }
}

function shorten(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text
}

/** "12 masukan diterbitkan." after a bulk action, from the address the action redirected to. */
function doneMessage(params: URLSearchParams, t: Translate): string | null {
  const action = params.get('selesai')
  const count = Number(params.get('jumlah'))
  const unchanged = Number(params.get('tetap'))
  if (!isModerationAction(action) || !Number.isSafeInteger(count) || count < 0) return null
  const reason = params.get('alasan')
  let text = t(`moderation.done.${action}`, {
    count,
    reason: isHiddenReason(reason) ? t(`moderation.reason.${reason}`) : '',
  })
  if (Number.isSafeInteger(unchanged) && unchanged > 0) text += ` ${t('moderation.done.unchanged', { count: unchanged })}`
  return text
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireModerator(request, params.id)
  const db = getDb()
  const url = new URL(request.url)
  const filters = readQueueParams(url.searchParams)
  const t = translator(getLocale(request))
  const [page, counts, sections] = await Promise.all([
    listQueue(db, scope.id, filters),
    countQueue(db, scope.id),
    getSections(db, scope.version_id),
  ])
  const base = queueSearch({ ...filters, cursor: undefined })
  return {
    title: t('moderation.queue.title'),
    consultation: { id: scope.id, title: scope.title, moderation: scope.moderation },
    policy: { slug: scope.policy_slug, title: scope.policy_title },
    timeZone: scope.time_zone,
    topics: scope.topics,
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    counts,
    filters,
    // The address without page or notice: tabs, the bulk form and the pager start from it.
    search: base.toString(),
    tabs: INPUT_STATUSES.map((status) => ({
      status,
      count: counts[status],
      href: `?${queueSearch({ ...filters, status, cursor: undefined, held: status === 'pending' ? filters.held : undefined })}`,
    })),
    items: page.items.map((item) => ({
      id: item.id,
      trackingNumber: item.tracking_number,
      sectionKey: item.section_key,
      kind: item.kind,
      proposedText: shorten(item.proposed_text, EXCERPT),
      reason: shorten(item.reason, EXCERPT),
      truncated: item.proposed_text.length > EXCERPT || item.reason.length > EXCERPT,
      excerpt: shorten((item.proposed_text || item.reason).replace(/\s+/g, ' '), 80),
      topic: item.topic,
      displayLabel: item.display_label,
      verified: item.display_mode === 'verified_role',
      groupName: item.group_name,
      channel: item.channel,
      status: item.status,
      hiddenReason: item.hidden_reason,
      heldReason: item.held_reason,
      isComplaint: item.is_complaint,
      flags: item.flags,
      receivedAt: item.received_at,
    })),
    nextHref: page.nextCursor ? `?${queueSearch({ ...filters, cursor: page.nextCursor })}` : null,
    firstHref: filters.cursor ? `?${base}` : null,
    selectAllHref: `?${new URLSearchParams([...queueSearch(filters), ['pilih', 'semua']])}`,
    selectNoneHref: `?${queueSearch(filters)}`,
    selectAll: url.searchParams.get('pilih') === 'semua',
    done: doneMessage(url.searchParams, t),
  }
}

const FIELD_OF: Record<string, 'ids' | 'action' | 'reasonCategory' | 'note'> = {
  no_inputs: 'ids',
  too_many: 'ids',
  not_in_consultation: 'ids',
  unknown_action: 'action',
  reason_required: 'reasonCategory',
  unknown_reason: 'reasonCategory',
  note_too_long: 'note',
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireModerator(request, params.id)
  const submission = await parseForm(request, BulkSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const value = submission.value
  let result: { changed: number; unchanged: number }
  try {
    result = await moderateInputs(getDb(), {
      consultationId: scope.id,
      inputIds: value.ids.map(Number),
      action: value.action as ModerationAction,
      reasonCategory: value.action === 'hide' ? value.reasonCategory : null,
      note: value.note,
      actorId: actor.id,
    })
  } catch (error) {
    if (!(error instanceof ModerationError) || !FIELD_OF[error.code]) throw error
    const field = FIELD_OF[error.code]
    const message = error.code === 'note_too_long' ? `validation.tooLong|${NOTE_MAX}` : `moderation.error.${error.code}`
    return data({ result: submission.reply({ fieldErrors: { [field]: [message] } }) }, { status: 400 })
  }
  // Back to the same tab, filters and page, saying what was done.
  const url = new URL(request.url)
  const next = queueSearch(readQueueParams(url.searchParams))
  next.set('selesai', value.action)
  next.set('jumlah', String(result.changed))
  if (result.unchanged) next.set('tetap', String(result.unchanged))
  if (value.action === 'hide') next.set('alasan', value.reasonCategory)
  throw redirect(`${url.pathname}?${next}`)
}

export default function ModerationQueue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const { consultation, policy, filters, items, sections, counts } = loaderData
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]))
  const [form, fields] = useForm({
    id: 'moderasi',
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BulkSchema }),
  })
  const initial = (form.initialValue ?? {}) as { ids?: string | string[]; action?: string; reasonCategory?: string; note?: string }
  const chosen = new Set(Array.isArray(initial.ids) ? initial.ids : initial.ids ? [initial.ids] : [])

  // With JavaScript: a live count of what is selected, and select-all without a page load.
  const formRef = useRef<HTMLFormElement>(null)
  const [hydrated, setHydrated] = useState(false)
  const [selected, setSelected] = useState(0)
  const recount = () => setSelected(formRef.current?.querySelectorAll('input[name="ids"]:checked').length ?? 0)
  useEffect(() => {
    setHydrated(true)
    recount()
  }, [location.key])
  const selectAll = (checked: boolean) => (event: MouseEvent) => {
    event.preventDefault()
    for (const box of formRef.current?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? []) box.checked = checked
    recount()
  }

  // After a bulk action, the result is where focus lands.
  const doneRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (loaderData.done) doneRef.current?.focus()
  }, [location.key, loaderData.done])

  const idsError = fields.ids.errors
  const activeFilters = [
    filters.sectionKey,
    filters.kind,
    filters.topic,
    filters.channel,
    filters.status === 'pending' ? filters.held : undefined,
    filters.complaint,
    filters.flagged,
  ].filter((f) => f !== undefined).length
  return (
    <div className="page moderation">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}`}>{policy.title}</Link> ›{' '}
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <p className="lead">
        {t('moderation.queue.intro')} {t(`moderation.queue.mode.${consultation.moderation}`)}
      </p>
      {loaderData.done ? (
        <p className="notice notice--done" role="status" tabIndex={-1} ref={doneRef}>
          {loaderData.done}
        </p>
      ) : null}

      <nav aria-label={t('moderation.tabs')} className="tabs">
        <ul>
          {loaderData.tabs.map((tab) => (
            <li key={tab.status}>
              <Link to={tab.href} aria-current={tab.status === filters.status ? 'page' : undefined}>
                {t(`moderation.tab.${tab.status}`)} <span className="tabs__count">{tab.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="queue-filters" aria-labelledby="saring-judul" key={`saring-${location.key}`}>
        <h2 id="saring-judul" className="visually-hidden">
          {t('moderation.filters')}
        </h2>
        <input type="hidden" name="status" value={STATUS_PARAM[filters.status]} />
        <div className="queue-filters__search">
          <TextInput
            id="saring-cari"
            name="cari"
            type="search"
            label={t('moderation.filter.q')}
            hint={t('moderation.filter.q.hint')}
            defaultValue={filters.q ?? ''}
            maxLength={SEARCH_MAX}
          />
          <button type="submit" className="button button--secondary">
            {t('moderation.filter.search')}
          </button>
        </div>
        <details className="queue-filters__more" open={activeFilters > 0}>
          <summary>
            {t('moderation.filter.more')}
            {activeFilters > 0 ? <span className="tabs__count">{t('moderation.filter.active', { count: activeFilters })}</span> : null}
          </summary>
          <div className="queue-filters__grid">
            <Select
              id="saring-bagian"
              name="bagian"
              label={t('inputs.filter.section')}
              defaultValue={filters.sectionKey === undefined ? 'semua' : filters.sectionKey === '' ? 'seluruh' : filters.sectionKey}
              options={[
                { value: 'semua', label: t('inputs.filter.allSections') },
                { value: 'seluruh', label: t('input.section.whole') },
                ...sections.map((s) => ({ value: s.key, label: s.heading })),
              ]}
            />
            <Select
              id="saring-jenis"
              name="jenis"
              label={t('inputs.filter.kind')}
              defaultValue={filters.kind ?? ''}
              placeholder={t('inputs.filter.allKinds')}
              options={INPUT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
            <Select
              id="saring-topik"
              name="topik"
              label={t('inputs.filter.topic')}
              defaultValue={filters.topic ?? ''}
              placeholder={t('inputs.filter.allTopics')}
              options={loaderData.topics.map((topic) => ({ value: topic, label: topic }))}
            />
            <Select
              id="saring-saluran"
              name="saluran"
              label={t('moderation.filter.channel')}
              defaultValue={filters.channel ?? ''}
              placeholder={t('moderation.filter.allChannels')}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            />
            {filters.status === 'pending' ? (
              <Select
                id="saring-ditahan"
                name="ditahan"
                label={t('moderation.filter.held')}
                defaultValue={filters.held ? HELD_PARAM[filters.held] : ''}
                placeholder={t('moderation.filter.held.all')}
                options={[
                  { value: HELD_PARAM.any, label: t('moderation.filter.held.any') },
                  ...HELD_REASONS.map((h) => ({ value: HELD_PARAM[h], label: t(`moderation.filter.held.${h}`) })),
                ]}
              />
            ) : null}
            <Select
              id="saring-pengaduan"
              name="pengaduan"
              label={t('moderation.filter.complaint')}
              defaultValue={filters.complaint === undefined ? '' : filters.complaint ? 'ya' : 'tidak'}
              placeholder={t('moderation.filter.complaint.all')}
              options={[
                { value: 'ya', label: t('moderation.filter.complaint.only') },
                { value: 'tidak', label: t('moderation.filter.complaint.none') },
              ]}
            />
          </div>
          <div className="queue-filters__end">
            <div className="field choice">
              <input type="checkbox" id="saring-dilaporkan" name="dilaporkan" value="1" defaultChecked={filters.flagged} />
              <label htmlFor="saring-dilaporkan">{t('moderation.filter.flagged')}</label>
            </div>
            <div className="button-row">
              <button type="submit" className="button button--secondary">
                {t('moderation.filter.apply')}
              </button>
              <Link to={`?${queueSearch({ status: filters.status })}`} className="queue-filters__reset">
                {t('moderation.filter.reset')}
              </Link>
            </div>
          </div>
        </details>
      </Form>

      <Form
        method="post"
        action={`${location.pathname}?${loaderData.search}`}
        {...getFormProps(form)}
        ref={formRef}
        onChange={recount}
        key={`daftar-${location.key}`}
        className="queue"
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="queue__list" aria-describedby={idsError ? 'pilihan-error' : undefined}>
          <legend className="queue__legend">
            {t('moderation.list')}: {t(`moderation.tab.${filters.status}`)}{' '}
            <span className="muted">({counts[filters.status]})</span>
          </legend>
          <FieldError id="pilihan" errors={idsError} />
          {items.length === 0 ? (
            <p className="empty-state">{t('moderation.empty')}</p>
          ) : (
            <>
              <p className="queue__tools">
                <span className="muted">{t('moderation.showing', { count: items.length })}</span>
                <Link to={loaderData.selectAllHref} onClick={selectAll(true)} preventScrollReset>
                  {t('moderation.selectAll')}
                </Link>
                <Link to={loaderData.selectNoneHref} onClick={selectAll(false)} preventScrollReset>
                  {t('moderation.selectNone')}
                </Link>
                <a href="#tindakan-judul">{t('moderation.toActions')}</a>
              </p>
              <ol className="queue__items">
                {items.map((item) => (
                  <li key={item.id} className="queue-item">
                    <div className="queue-item__select">
                      <input
                        type="checkbox"
                        id={`pilih-${item.id}`}
                        name="ids"
                        value={item.id}
                        defaultChecked={loaderData.selectAll || chosen.has(String(item.id))}
                        aria-invalid={idsError ? true : undefined}
                      />
                    </div>
                    <div className="queue-item__body">
                      <p className="queue-item__head">
                        <label htmlFor={`pilih-${item.id}`} className="queue-item__number">
                          <span className="visually-hidden">{t('moderation.select.prefix')} </span>
                          {item.trackingNumber}
                          <span className="visually-hidden">: {item.excerpt}</span>
                        </label>
                        <span className={`kind-badge kind-badge--${item.kind}`}>{t(`kind.${item.kind}`)}</span>
                        <span className="queue-item__who">
                          <ShownAs label={item.displayLabel} verified={item.verified} />
                          {item.groupName ? ` · ${item.groupName}` : ''}
                        </span>
                      </p>
                      {item.heldReason || item.flags || item.isComplaint || item.status === 'hidden' ? (
                        <p className="queue-item__flags">
                          {item.heldReason ? (
                            <span className="tag tag--held">{t(`moderation.held.${item.heldReason as 'flags'}`)}</span>
                          ) : null}
                          {item.status === 'hidden' && isHiddenReason(item.hiddenReason) ? (
                            <span className="tag tag--hidden">
                              {t('moderation.hiddenAs', { reason: t(`moderation.reason.${item.hiddenReason as HiddenReason}`) })}
                            </span>
                          ) : null}
                          {item.flags ? <span className="tag tag--flags">{t('moderation.item.flags', { count: item.flags })}</span> : null}
                          {item.isComplaint ? <span className="tag tag--complaint">{t('moderation.item.complaint')}</span> : null}
                        </p>
                      ) : null}
                      {item.proposedText ? <blockquote className="queue-item__text">{item.proposedText}</blockquote> : null}
                      <p className="queue-item__reason">{item.reason}</p>
                      <p className="queue-item__meta">
                        <span>{item.sectionKey ? (headingOf.get(item.sectionKey) ?? item.sectionKey) : t('input.section.whole')}</span>
                        <span>{item.topic}</span>
                        <span>{t(`channel.${item.channel}`)}</span>
                        <span>{formatDateTime(item.receivedAt, loaderData.timeZone, locale)}</span>
                        <Link to={`/masukan/${item.trackingNumber}`}>
                          {item.truncated ? `${t('moderation.item.truncated')} ` : ''}
                          {t('moderation.item.open', { number: item.trackingNumber })}
                        </Link>
                      </p>
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </fieldset>

        {items.length > 0 ? (
          <section className="queue__bar" aria-labelledby="tindakan-judul">
            <h2 id="tindakan-judul" className="queue__bar-title" tabIndex={-1}>
              {t('moderation.bulk')}
              {hydrated ? (
                <span className="queue__selected" aria-live="polite">
                  {' '}
                  · {t('moderation.selected', { count: selected })}
                </span>
              ) : null}
            </h2>
            <p id="tindakan-bantuan" className="field__hint">
              {t('moderation.bulk.help')}
            </p>
            <div className="queue__bar-fields">
              <Select
                id="tindakan"
                name="action"
                label={t('moderation.bulk.action')}
                defaultValue={initial.action ?? ''}
                placeholder={t('moderation.bulk.action.choose')}
                errors={fields.action.errors}
                options={MODERATION_ACTIONS.map((a) => ({ value: a, label: t(`moderation.action.${a}`) }))}
              />
              <Select
                id="alasan"
                name="reasonCategory"
                label={t('moderation.bulk.reason')}
                defaultValue={initial.reasonCategory ?? ''}
                placeholder={t('moderation.bulk.reason.choose')}
                errors={fields.reasonCategory.errors}
                options={HIDDEN_REASONS.map((r) => ({ value: r, label: t(`moderation.reason.${r}`) }))}
              />
              <TextInput
                id="catatan"
                name="note"
                label={t('moderation.bulk.note')}
                defaultValue={initial.note ?? ''}
                maxLength={NOTE_MAX}
                errors={fields.note.errors}
              />
              <button type="submit" className="button">
                {t('moderation.bulk.submit')}
              </button>
            </div>
          </section>
        ) : null}
      </Form>

      <nav className="pager" aria-label={t('moderation.pager')}>
        {loaderData.firstHref ? <Link to={loaderData.firstHref}>{t('moderation.first')}</Link> : null}
        {loaderData.nextHref ? (
          <Link to={loaderData.nextHref} className="button button--secondary">
            {t('moderation.more')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
