import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/policy-compare'
import { citationLink } from '~/lib/citations'
import { SelectField } from '~/components/Field'
import { type ChangeCitation, RedlineView } from '~/components/Redline'
import { listChangeCitations, versionIdsBetween } from '~/domain/revisions.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, listPublishedVersions } from '~/domain/policies.server'
import { getVersionRedline, previousVersionNumber } from '~/domain/redline.server'
import { getLocale } from '~/i18n/locale.server'
import type { Locale } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { formatDateTime } from '~/lib/time'
import { getActor } from '~/lib/session.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'evaluations', 'redline', 'revisions'] }

const versionField = z
  .number({ error: 'redline.error.chooseVersion' })
  .int({ error: 'redline.error.unknownVersion', abort: true })
  // Beyond any real version, and beyond what a PostgreSQL integer column accepts.
  .min(1, { error: 'redline.error.unknownVersion', abort: true })
  .max(99_999_999, { error: 'redline.error.unknownVersion', abort: true })

export const CompareSchema = z
  .object({ dari: versionField, ke: versionField })
  .refine((v) => v.dari !== v.ke, { path: ['ke'], message: 'redline.error.sameVersion' })

// "24 Nov 2026": short enough for a select on a phone.
const shortDate = (iso: string, timeZone: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { timeZone, dateStyle: 'medium' }).format(new Date(iso))

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

// Without a choice, compare the current version with the one before it; with half a choice, fill
// in the other half the same way.
function withDefaults(params: URLSearchParams, numbers: number[], current: number): URLSearchParams {
  const ke = params.get('ke') ?? String(current)
  const keNumber = Number(ke)
  const fallback = previousVersionNumber(numbers, keNumber) ?? numbers.find((n) => n !== keNumber)
  return new URLSearchParams({ dari: params.get('dari') ?? String(fallback ?? ''), ke })
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const t = translator(getLocale(request))
  const versions = await listPublishedVersions(db, policy.id)
  const page = {
    title: t('redline.metaTitle', { title: policy.title }),
    policy: {
      slug: policy.slug,
      title: policy.title,
      organisation_name: policy.organisation_name,
      time_zone: policy.time_zone,
    },
    versions: versions.map((v) => ({ number: v.number, published_at: v.published_at, current: v.id === policy.current_version_id })),
  }
  if (versions.length < 2) return { ...page, result: undefined, comparison: null }

  const numbers = versions.map((v) => v.number)
  const current = versions.find((v) => v.id === policy.current_version_id)?.number ?? numbers[0]
  const submission = parseSubmission(withDefaults(new URL(request.url).searchParams, numbers, current), { schema: CompareSchema })
  if (submission.status !== 'success') {
    return data({ ...page, result: submission.reply(), comparison: null }, { status: 400 })
  }
  const { dari, ke } = submission.value
  const found = await getVersionRedline(db, policy.id, dari, ke)
  if (!found.ok) {
    const fieldErrors: Record<string, string[]> = {}
    for (const side of found.missing) fieldErrors[side === 'from' ? 'dari' : 'ke'] = ['redline.error.unknownVersion']
    return data({ ...page, result: submission.reply({ fieldErrors }), comparison: null }, { status: 404 })
  }
  const cited = await listChangeCitations(db, await versionIdsBetween(db, policy.id, dari, ke), { publishedOnly: true })
  const citations: Record<string, ChangeCitation[]> = {}
  for (const [key, rows] of Object.entries(cited)) citations[key] = rows.map((c) => citationLink(t, policy.slug, c))
  return {
    ...page,
    result: submission.reply(),
    comparison: {
      from: { number: found.from.number, published_at: found.from.published_at },
      to: { number: found.to.number, published_at: found.to.published_at },
      redline: found.redline,
      citations,
    },
  }
}

export default function PolicyComparePage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { policy, versions, comparison, result } = loaderData
  const [form, fields] = useForm({
    id: 'bandingkan',
    lastResult: result,
    defaultValue: comparison ? { dari: String(comparison.from.number), ke: String(comparison.to.number) } : undefined,
    constraint: getZodConstraint(CompareSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CompareSchema }),
  })
  const options = versions.map((v) => {
    const date = v.published_at ? shortDate(v.published_at, policy.time_zone, locale) : ''
    return {
      value: String(v.number),
      label: t(v.current ? 'redline.form.optionCurrent' : 'redline.form.option', { number: v.number, date }),
    }
  })
  return (
    <article className="page compare" aria-labelledby="judul-perbandingan">
      <header className="policy__header">
        <p className="policy__org">{policy.organisation_name}</p>
        <p className="compare__policy">
          <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
        </p>
        <h1 id="judul-perbandingan">
          {t('redline.title')}
          {comparison ? (
            <span className="compare__pair">: {t('redline.comparing', { from: comparison.from.number, to: comparison.to.number })}</span>
          ) : null}
        </h1>
        <p className="lead">{t('redline.intro')}</p>
      </header>

      {versions.length < 2 ? (
        <p className="notice">
          {t('redline.onlyOneVersion')} <Link to={`/kebijakan/${policy.slug}`}>{t('redline.backToPolicy')}</Link>
        </p>
      ) : (
        <Form method="get" {...getFormProps(form)} className="compare-form" aria-labelledby="pilih-versi">
          <h2 id="pilih-versi" className="visually-hidden">
            {t('redline.form.title')}
          </h2>
          <SelectField field={fields.dari} label={t('redline.form.from')} options={options} />
          <SelectField field={fields.ke} label={t('redline.form.to')} options={options} />
          <button type="submit" className="button">
            {t('redline.form.submit')}
          </button>
        </Form>
      )}

      {comparison ? (
        <>
          <p className="compare__dates">
            {[comparison.from, comparison.to]
              .filter((v) => v.published_at)
              .map((v) => t('redline.published', { number: v.number, date: formatDateTime(v.published_at!, policy.time_zone, locale) }))
              .join(' ')}
          </p>
          {comparison.from.number > comparison.to.number ? (
            <p className="notice">{t('redline.newerToOlder', { from: comparison.from.number, to: comparison.to.number })}</p>
          ) : null}
          <RedlineView
            redline={comparison.redline}
            policySlug={policy.slug}
            fromNumber={comparison.from.number}
            toNumber={comparison.to.number}
            citations={comparison.citations}
          />
        </>
      ) : null}
    </article>
  )
}
