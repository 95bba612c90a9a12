import { Fragment } from 'react'
import { Link } from 'react-router'
import type { Route } from './+types/input'
import { FlagForm } from '~/components/FlagForm'
import { ShownAs } from '~/components/ShownAs'
import { getInputByTrackingNumber, normaliseTrackingNumber } from '~/domain/inputs.server'
import { getInputAnswer } from '~/domain/responses.server'
import { isHiddenReason } from '~/domain/moderation-rules'
import { flagStateFor } from '~/domain/moderation.server'
import { assertCan, can } from '~/domain/permissions.server'
import { getInputGrouping } from '~/domain/themes.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { findLaterChange } from '~/domain/revisions.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['answers', 'consultations', 'moderation', 'revisions', 'themes'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · Rembuk` : 'Rembuk' }]

/** One input by its tracking number: the receipt after sending, and the public status page. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const number = normaliseTrackingNumber(params.trackingNumber)
  if (!number) throw new Response('Not found', { status: 404 })
  const input = await getInputByTrackingNumber(getDb(), number)
  if (!input) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: input.organisation_id })
  const isSubmitter = actor !== null && actor.id === input.user_id
  // The organisation's moderators read what waits or was hidden; the public never does.
  const isTeam = can(actor, 'input.moderate', { organisationId: input.organisation_id })
  const showText = input.status === 'published' || isSubmitter || isTeam
  const url = new URL(request.url)
  const t = translator(getLocale(request))
  // An input not yet published (waiting, held, or in a pre-moderated consultation) is nobody's
  // business but its submitter's and the team's: the public learns only that it exists and its status.
  if (input.status === 'pending' && !isSubmitter && !isTeam) {
    return {
      restricted: true as const,
      title: t('input.page.title', { number: input.tracking_number }),
      input: { trackingNumber: input.tracking_number, status: input.status, held: input.held_reason !== '' },
    }
  }
  const flagState = actor && !isSubmitter && input.status === 'published' ? await flagStateFor(getDb(), actor.id, [input.id]) : null
  const laterChange =
    input.status === 'published'
      ? await findLaterChange(getDb(), {
          id: input.id,
          policyId: input.policy_id,
          policySlug: input.policy_slug,
          versionNumber: input.version_number,
          sectionKey: input.section_key,
          themeId: input.theme_id,
        })
      : null
  const grouping = await getInputGrouping(getDb(), input.id)
  return {
    restricted: false as const,
    laterChange,
    grouping,
    title: t('input.page.title', { number: input.tracking_number }),
    isNew: url.searchParams.get('baru') === '1' && isSubmitter,
    reported: url.searchParams.get('dilaporkan') === input.tracking_number,
    flag: flagState ? { flagged: flagState.flagged.length > 0, redirectTo: url.pathname } : null,
    answer: await getInputAnswer(getDb(), input.id),
    input: {
      trackingNumber: input.tracking_number,
      status: input.status,
      kind: input.kind,
      channel: input.channel,
      sectionKey: input.section_key,
      sectionHeading: input.section_heading,
      topic: input.topic,
      // A hidden input's author is hidden with its text (the reason may be personal data).
      displayLabel: input.status === 'hidden' && !showText ? '' : input.display_label,
      groupName: input.status === 'hidden' && !showText ? '' : input.group_name,
      verified: input.display_mode === 'verified_role' && !(input.status === 'hidden' && !showText),
      groupType: input.group_type,
      receivedAt: input.received_at,
      policySlug: input.policy_slug,
      policyTitle: input.policy_title,
      organisationName: input.organisation_name,
      timeZone: input.time_zone,
      versionNumber: input.version_number,
      proposedText: showText ? input.proposed_text : null,
      reason: showText ? input.reason : null,
      answers: showText ? input.answers : [],
      hiddenReason: input.status === 'hidden' ? (isHiddenReason(input.hidden_reason) ? input.hidden_reason : 'lainnya') : null,
      held: input.status === 'pending' && input.held_reason !== '',
      heldReason: isTeam && input.status === 'pending' && input.held_reason ? input.held_reason : null,
      isComplaint: Boolean(input.is_complaint),
    },
  }
}

function answerText(value: unknown, t: ReturnType<typeof useT>) {
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'boolean') return value ? t('input.yes') : t('input.no')
  return String(value)
}

/** What anyone may see of an input that is not published yet: its number and its status. */
function UnpublishedInput({ trackingNumber, held }: { trackingNumber: string; held: boolean }) {
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('input.page.title', { number: trackingNumber })}</h1>
      <dl className="facts">
        <dt>{t('input.status')}</dt>
        <dd>
          <strong>{t('input.status.pending')}</strong>
          <span className="muted"> — {t(held ? 'input.held.explain' : 'input.status.pending.explain')}</span>
        </dd>
      </dl>
      <p>
        <Link to="/lacak">{t('lookup.title')}</Link>
      </p>
    </div>
  )
}

export default function InputPage({ loaderData }: Route.ComponentProps) {
  if (loaderData.restricted) return <UnpublishedInput trackingNumber={loaderData.input.trackingNumber} held={loaderData.input.held} />
  return <InputDetails loaderData={loaderData} />
}

function InputDetails({ loaderData }: { loaderData: Extract<Route.ComponentProps['loaderData'], { restricted: false }> }) {
  const t = useT()
  const lang = useContentLang()
  const locale = useLocale()
  const { input, isNew } = loaderData
  const sectionLink = input.sectionKey
    ? `/kebijakan/${input.policySlug}/versi/${input.versionNumber}#${input.sectionKey}`
    : `/kebijakan/${input.policySlug}/versi/${input.versionNumber}`
  return (
    <div className="page narrow">
      {isNew ? (
        <div className="receipt" role="status">
          <h1>{t('receipt.title')}</h1>
          <p>{t('receipt.thanks')}</p>
          <p className="receipt__number">
            <span>{t('receipt.number')}</span>
            <strong>{input.trackingNumber}</strong>
          </p>
          <p>{t('receipt.keep')}</p>
        </div>
      ) : (
        <h1>{t('input.page.title', { number: input.trackingNumber })}</h1>
      )}
      {loaderData.reported ? (
        <p className="notice notice--done" role="status">
          {t('flag.done', { number: input.trackingNumber })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('input.status')}</dt>
        <dd>
          <strong>
            {input.hiddenReason
              ? t('moderation.hiddenAs', { reason: t(`moderation.reason.${input.hiddenReason}`) })
              : t(`input.status.${input.status}`)}
          </strong>
          {input.status === 'pending' ? (
            <span className="muted"> — {t(input.held ? 'input.held.explain' : 'input.status.pending.explain')}</span>
          ) : null}
          {input.heldReason ? <span className="tag tag--held">{t(`moderation.held.${input.heldReason as 'flags'}`)}</span> : null}
        </dd>
        {loaderData.answer ? (
          <>
            <dt>{t('input.response')}</dt>
            <dd className="input-response">
              {loaderData.answer.state === 'answered' ? (
                <>
                  <strong>{t(`decision.${loaderData.answer.response.decision}`)}</strong> — <span className="prewrap">{loaderData.answer.response.reason}</span>
                  {loaderData.answer.response.themeTitle ? (
                    <span className="muted"> ({t('input.response.viaTheme', { theme: loaderData.answer.response.themeTitle })})</span>
                  ) : null}
                </>
              ) : loaderData.answer.state === 'complaint' ? (
                t('input.response.complaint')
              ) : (
                t('input.response.none')
              )}
            </dd>
          </>
        ) : null}
        <dt>{t('input.policy')}</dt>
        <dd>
          <Link to={`/kebijakan/${input.policySlug}`}>{input.policyTitle}</Link> ({input.organisationName})
        </dd>
        <dt>{t('inputs.onSection')}</dt>
        <dd>
          <Link to={sectionLink}>
            {input.sectionKey ? input.sectionHeading : t('input.section.whole')} · {t('policy.version', { number: input.versionNumber })}
          </Link>
        </dd>
        <dt>{t('kind.label')}</dt>
        <dd>{t(`kind.${input.kind}`)}</dd>
        <dt>{t('input.topic')}</dt>
        <dd>{input.topic}</dd>
        <dt>{t('input.channel')}</dt>
        <dd>{t(`channel.${input.channel}`)}</dd>
        <dt>{t('input.receivedAt')}</dt>
        <dd>{formatDateTime(input.receivedAt, input.timeZone, locale)}</dd>
        <dt>{t('input.shownAs')}</dt>
        <dd>
          <ShownAs label={input.displayLabel} verified={input.verified} />
        </dd>
        {loaderData.grouping && loaderData.grouping.groupSize > 1 ? (
          <>
            <dt>{t('input.similarGroup')}</dt>
            <dd>{t('input.groupOf', { count: loaderData.grouping.groupSize })}</dd>
          </>
        ) : null}
        {loaderData.grouping?.theme ? (
          <>
            <dt>{t('input.theme')}</dt>
            <dd>{loaderData.grouping.theme.title}</dd>
          </>
        ) : null}
        {input.groupName ? (
          <>
            <dt>{t('input.onBehalfOf')}</dt>
            <dd>
              {input.groupName} — {t(`group.${input.groupType as 'ormas'}`)}
            </dd>
          </>
        ) : null}
      </dl>
      {input.isComplaint ? (
        <section aria-labelledby="pengaduan-judul" className="complaint-note">
          <h2 id="pengaduan-judul">{t('complaint.title')}</h2>
          <p>{t('complaint.body')}</p>
          <p>
            <a href="https://www.lapor.go.id" rel="external">
              {t('complaint.link')}
            </a>
          </p>
        </section>
      ) : null}
      {input.hiddenReason ? (
        <p className="hidden-note">
          {t('input.hidden.explain')} {input.reason !== null ? t('input.hidden.stillShown') : null}
        </p>
      ) : null}
      {input.reason !== null ? (
        <section aria-labelledby="isi-masukan" className="input-body">
          <h2 id="isi-masukan" className="visually-hidden">
            {t('input.reason')}
          </h2>
          {input.proposedText ? (
            <>
              <h3>{t('input.proposedText')}</h3>
              <blockquote lang={lang}>{input.proposedText}</blockquote>
            </>
          ) : null}
          <h3>{t('input.reason')}</h3>
          <p className="prewrap" lang={lang}>
            {input.reason}
          </p>
          {input.answers.length > 0 ? (
            <>
              <h3>{t('input.answers')}</h3>
              <dl className="facts">
                {input.answers.map((a) => (
                  <Fragment key={a.id}>
                    <dt>{a.prompt}</dt>
                    <dd>{answerText(a.value, t)}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          ) : null}
        </section>
      ) : input.hiddenReason ? null : (
        <p className="muted">{t('input.textHidden')}</p>
      )}
      {input.status === 'published' ? (
        <section aria-labelledby="tindak-lanjut" className="panel trace">
          <h2 id="tindak-lanjut">{t('revisions.trace.title')}</h2>
          {loaderData.laterChange ? (
            <p>
              {t(loaderData.laterChange.status === 'removed' ? 'revisions.trace.removed' : 'revisions.trace.changed', {
                number: loaderData.laterChange.toNumber,
              })}{' '}
              {loaderData.laterChange.cited ? <strong>{t('revisions.trace.cited')}</strong> : null}{' '}
              <Link to={loaderData.laterChange.href}>{t('revisions.trace.link')}</Link>
            </p>
          ) : (
            <p className="muted">{t('revisions.trace.none')}</p>
          )}
        </section>
      ) : null}
      {loaderData.flag ? (
        <FlagForm trackingNumber={input.trackingNumber} redirectTo={loaderData.flag.redirectTo} flagged={loaderData.flag.flagged} />
      ) : null}
      <p>
        <Link to="/lacak">{t('lookup.title')}</Link>
      </p>
    </div>
  )
}
