import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useLocation, useSearchParams } from 'react-router'
import { consultationState, listConsultations } from '~/domain/consultations.server'
import type { Route } from './+types/kelola.policy'
import { FormErrors, SelectField, TextAreaField } from '~/components/Field'
import { StageBadge } from '~/components/StageBadge'
import { DraftExistsError, getPolicyForManaging, startNextVersion } from '~/domain/drafting.server'
import { changeStage } from '~/domain/policies.server'
import { STAGES } from '~/domain/stages'
import type { Stage } from '~db/schema'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { NextVersionSchema, StageSchema } from '~/lib/drafting-schemas'
import { formatDateTime } from '~/lib/time'
import { editorPath, managePath } from '~/lib/workspace-paths'
import { requirePolicyTeam, withNotice } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'drafting', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.policy.title} · ${data.section} · Rembuk` }] : [])

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePolicyTeam(request, params.slug, 'policy.edit')
  const managed = (await getPolicyForManaging(getDb(), params.slug))!
  const locale = getLocale(request)
  const consultations = (await listConsultations(getDb(), managed.policy.id)).map((c) => ({
    id: c.id,
    title: c.title,
    versionNumber: c.version_number,
    state: consultationState(c),
    opensAtText: formatDateTime(c.opens_at, managed.policy.time_zone, locale),
    closesAtText: formatDateTime(c.closes_at, managed.policy.time_zone, locale),
  }))
  return { ...managed, consultations, stages: STAGES, section: translator(locale)('drafting.workspace.title') }
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'stage') {
    const { actor, policy } = await requirePolicyTeam(request, params.slug, 'policy.changeStage')
    const submission = parseSubmission(formData, { schema: StageSchema })
    if (submission.status !== 'success') return { form: 'tahap', result: submission.reply() }
    const changed = await changeStage(getDb(), {
      policyId: policy.id,
      to: submission.value.stage,
      actorId: actor.id,
      note: submission.value.note?.trim() ?? '',
    })
    if (!changed) return { form: 'tahap', result: submission.reply({ fieldErrors: { stage: ['drafting.error.sameStage'] } }) }
    throw redirect(withNotice(managePath(policy.slug), 'tahap'))
  }
  if (intent === 'nextVersion') {
    const { actor, policy } = await requirePolicyTeam(request, params.slug, 'policy.edit')
    const submission = parseSubmission(formData, { schema: NextVersionSchema })
    if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
    try {
      const next = await startNextVersion(getDb(), { policyId: policy.id, actorId: actor.id })
      throw redirect(withNotice(editorPath(policy.slug, next.number), 'versiBaru'))
    } catch (error) {
      // Someone else started it a moment ago: carry on with theirs.
      if (error instanceof DraftExistsError) throw redirect(withNotice(editorPath(policy.slug, error.number), 'drafAda'))
      throw error
    }
  }
  await requirePolicyTeam(request, params.slug, 'policy.edit')
  throw new Response('Bad request', { status: 400 })
}

const NOTICES = {
  tahap: 'drafting.notice.stageChanged',
  diterbitkan: 'drafting.notice.published',
  sudahTerbit: 'drafting.notice.alreadyPublished',
} as const

export default function ManagePolicy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const [searchParams] = useSearchParams()
  const { policy, versions, events, draft, stages } = loaderData
  const current = versions.find((v) => v.id === policy.current_version_id) ?? null
  const notice = searchParams.get('selesai')
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  const { key: visit } = useLocation()
  const date = (iso: string) => formatDateTime(iso, policy.time_zone, locale)
  const currentIndex = stages.indexOf(policy.stage)

  return (
    <div className="page manage">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to="/kelola">{t('drafting.workspace.title')}</Link>
      </nav>
      <header className="policy__header">
        <p className="policy__org">{policy.organisation_name}</p>
        <h1>{policy.title}</h1>
        <p className="policy__meta">
          <StageBadge stage={policy.stage} />
          <span>{current ? t('drafting.state.published', { number: current.number }) : t('drafting.state.unpublished')}</span>
          <Link to={`/kebijakan/${policy.slug}`}>{t('drafting.manage.publicPage')}</Link>
        </p>
        {noticeKey ? (
          <p className="notice notice--success" role="status">
            {t(noticeKey, { number: searchParams.get('versi') ?? '' })}
            {notice === 'diterbitkan' ? (
              <>
                {' '}
                <Link to={`/kebijakan/${policy.slug}/versi/${searchParams.get('versi') ?? ''}`}>
                  {t('drafting.manage.readPublished')}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </header>

      <div className="manage__grid">
        <section aria-labelledby="tahap-judul" className="panel">
          <h2 id="tahap-judul">{t('drafting.manage.stage')}</h2>
          <ol className="stage-list">
            {stages.map((stage, i) => (
              <li
                key={stage}
                className={i < currentIndex ? 'done' : i === currentIndex ? 'current' : undefined}
                aria-current={i === currentIndex ? 'step' : undefined}
              >
                {t(`stage.${stage}`)}
                {i === currentIndex ? <span className="visually-hidden"> ({t('policy.currentStage')})</span> : null}
              </li>
            ))}
          </ol>
          <StageForm key={visit} stage={policy.stage} stages={stages} actionData={actionData} />
        </section>

        <section aria-labelledby="versi-judul" className="panel">
          <h2 id="versi-judul">{t('drafting.manage.versions')}</h2>
          <ul className="version-list">
            {versions.map((v) => (
              <li key={v.id}>
                <p className="version-list__title">
                  <strong>{t('policy.version', { number: v.number })}</strong>{' '}
                  {v.status === 'draft' ? (
                    <span className="draft-badge">{t('drafting.state.draftShort')}</span>
                  ) : v.id === policy.current_version_id ? (
                    <span className="published-badge">{t('drafting.state.current')}</span>
                  ) : null}
                </p>
                <p className="muted">
                  {v.published_at
                    ? t('policy.publishedAt', { date: date(v.published_at) })
                    : t('drafting.manage.startedAt', { date: date(v.created_at) })}{' '}
                  · {t('drafting.sectionCount', { count: v.section_count })}
                </p>
                {v.note ? <p className="version-list__note">{v.note}</p> : null}
                <p>
                  {v.status === 'draft' ? (
                    <Link to={editorPath(policy.slug, v.number)} className="button">
                      {t('drafting.manage.editDraft', { number: v.number })}
                    </Link>
                  ) : (
                    <Link to={`/kebijakan/${policy.slug}/versi/${v.number}`}>
                      {t('drafting.manage.readVersion', { number: v.number })}
                    </Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
          {!draft ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="nextVersion" />
              <p className="field__hint" id="versi-berikutnya-petunjuk">
                {current
                  ? t('drafting.manage.nextVersionHint', { number: current.number, next: (versions[0]?.number ?? 0) + 1 })
                  : t('drafting.manage.nextVersionEmptyHint')}
              </p>
              <button type="submit" className="button button--secondary" aria-describedby="versi-berikutnya-petunjuk">
                {t('drafting.manage.nextVersion')}
              </button>
            </Form>
          ) : null}
        </section>

        {/* Consultations on this policy's versions are managed in this section. */}
        <section aria-labelledby="konsultasi-judul" className="panel" id="konsultasi">
          <h2 id="konsultasi-judul">{t('drafting.manage.consultations')}</h2>
          {loaderData.consultations.length === 0 ? (
            <p className="muted">{t('drafting.manage.noConsultations')}</p>
          ) : (
            <ul className="consultation-list">
              {loaderData.consultations.map((c) => (
                <li key={c.id}>
                  <Link to={`/kelola/konsultasi/${c.id}`}>{c.title}</Link>{' '}
                  <span className="muted">
                    ({t(`consultation.state.${c.state}`)} · {t('policy.version', { number: c.versionNumber })} · {c.opensAtText} – {c.closesAtText})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {versions.some((v) => v.status === 'published') ? (
            <p>
              <Link className="button button--secondary" to={`/kelola/kebijakan/${policy.slug}/konsultasi/baru`}>
                {t('cadmin.openNew')}
              </Link>
            </p>
          ) : null}
        </section>

        <section aria-labelledby="evaluasi-judul" className="panel" id="evaluasi">
          <h2 id="evaluasi-judul">{t('evaluations.manage.heading')}</h2>
          <p className="muted">{t('evaluations.manage.panelHint')}</p>
          <p>
            <Link className="button button--secondary" to={`/kelola/kebijakan/${policy.slug}/evaluasi`}>
              {t('evaluations.manage.panelLink')}
            </Link>
          </p>
        </section>

        <section aria-labelledby="riwayat-judul" className="panel">
          <h2 id="riwayat-judul">{t('drafting.manage.history')}</h2>
          <ol className="timeline">
            {[...events].reverse().map((e) => (
              <li key={e.id}>
                <p className="timeline__what">
                  {e.kind === 'created'
                    ? t('drafting.event.created', { stage: e.to_stage ? t(`stage.${e.to_stage}`) : '' })
                    : e.kind === 'version_published'
                      ? t('drafting.event.published', { number: e.version_number ?? '' })
                      : e.kind === 'evaluation_published'
                        ? t('evaluations.event.published', { period: e.note })
                        : t('drafting.event.stage', {
                          from: e.from_stage ? t(`stage.${e.from_stage}`) : '',
                          to: e.to_stage ? t(`stage.${e.to_stage}`) : '',
                        })}
                </p>
                <p className="muted">
                  <time dateTime={e.occurred_at}>{date(e.occurred_at)}</time>
                </p>
                {e.note && e.kind !== 'evaluation_published' ? <p className="timeline__note">{e.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  )
}

/** The stage after this one in the cycle: after evaluation, drafting starts again. */
function nextStage(stages: Stage[], stage: Stage): Stage {
  const i = stages.indexOf(stage)
  return i === stages.length - 1 ? 'penyusunan' : stages[i + 1]
}

function StageForm({ stage, stages, actionData }: { stage: Stage; stages: Stage[]; actionData: Route.ComponentProps['actionData'] }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'tahap',
    lastResult: actionData?.form === 'tahap' ? actionData.result : undefined,
    defaultValue: { stage: nextStage(stages, stage) },
    constraint: getZodConstraint(StageSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StageSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="stage" />
      <SelectField
        field={fields.stage}
        label={t('drafting.manage.moveTo')}
        hint={t('drafting.manage.moveToHint')}
        options={stages.map((s) => ({
          value: s,
          label: s === stage ? `${t(`stage.${s}`)} (${t('policy.currentStage')})` : t(`stage.${s}`),
        }))}
      />
      <TextAreaField field={fields.note} label={t('drafting.field.stageNote')} hint={t('drafting.field.stageNoteHint')} rows={2} />
      <button type="submit" className="button">
        {t('drafting.manage.moveSubmit')}
      </button>
    </Form>
  )
}
