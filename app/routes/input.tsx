import { Link } from 'react-router'
import type { Route } from './+types/input'
import { getInputByTrackingNumber, normaliseTrackingNumber } from '~/domain/inputs.server'
import { assertCan } from '~/domain/permissions.server'
import { getInputGrouping } from '~/domain/themes.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'

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
  const showText = input.status === 'published' || isSubmitter
  const t = translator(getLocale(request))
  const grouping = await getInputGrouping(getDb(), input.id)
  return {
    grouping,
    title: t('input.page.title', { number: input.tracking_number }),
    isNew: new URL(request.url).searchParams.get('baru') === '1' && isSubmitter,
    input: {
      trackingNumber: input.tracking_number,
      status: input.status,
      kind: input.kind,
      channel: input.channel,
      sectionKey: input.section_key,
      sectionHeading: input.section_heading,
      topic: input.topic,
      displayLabel: input.display_label,
      groupName: input.group_name,
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
    },
  }
}

function answerText(value: unknown, t: ReturnType<typeof useT>) {
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'boolean') return value ? t('input.yes') : t('input.no')
  return String(value)
}

export default function InputPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
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
      <dl className="facts">
        <dt>{t('input.status')}</dt>
        <dd>
          <strong>{t(`input.status.${input.status}`)}</strong>
          {input.status === 'pending' ? <span className="muted"> — {t('input.status.pending.explain')}</span> : null}
        </dd>
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
        <dd>{input.displayLabel || t('input.anonymous')}</dd>
        {loaderData.grouping && loaderData.grouping.groupSize > 1 ? (
          <>
            <dt>{t('input.group')}</dt>
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
              {input.groupName} ({t(`group.${input.groupType as 'ormas'}`)})
            </dd>
          </>
        ) : null}
      </dl>
      {input.reason !== null ? (
        <section aria-labelledby="isi-masukan" className="input-body">
          <h2 id="isi-masukan" className="visually-hidden">
            {t('input.reason')}
          </h2>
          {input.proposedText ? (
            <>
              <h3>{t('input.proposedText')}</h3>
              <blockquote>{input.proposedText}</blockquote>
            </>
          ) : null}
          <h3>{t('input.reason')}</h3>
          <p className="prewrap">{input.reason}</p>
          {input.answers.length > 0 ? (
            <>
              <h3>{t('input.answers')}</h3>
              <dl className="facts">
                {input.answers.map((a) => (
                  <div key={a.id}>
                    <dt>{a.prompt}</dt>
                    <dd>{answerText(a.value, t)}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
        </section>
      ) : (
        <p className="muted">{t('input.textHidden')}</p>
      )}
      <p>
        <Link to="/lacak">{t('lookup.title')}</Link>
      </p>
    </div>
  )
}
