import type { PageHandle } from '~/lib/page-handle'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/kelola.evaluation.indicator'
import { FormErrors } from '~/components/Field'
import { IndicatorFields } from '~/components/evaluation/IndicatorFields'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { listIndicators, retireIndicator, updateIndicator } from '~/domain/evaluations/indicators.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { IndicatorSchema } from '~/lib/evaluation-forms'
import { withEvaluationErrors } from '~/lib/evaluation-team.server'
import { dbInteger } from '~/lib/ids'
import { requirePolicyTeam, withNotice } from '~/lib/workspace.server'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'consultations', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

async function load(request: Request, slug: string, idParam: string) {
  const { policy } = await requirePolicyTeam(request, slug, 'policy.edit')
  const id = dbInteger(idParam)
  const indicator = (await listIndicators(getDb(), policy.id)).find((i) => i.id === id)
  if (!indicator) throw new Response('Not found', { status: 404 })
  return { policy, indicator }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy, indicator } = await load(request, params.slug, params.id)
  return {
    title: translator(getLocale(request))('evaluations.indicator.edit', { name: indicator.name }),
    policy: { slug: policy.slug, title: policy.title },
    indicator,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { policy, indicator } = await load(request, params.slug, params.id)
  const formData = await readForm(request)
  const back = `/kelola/kebijakan/${policy.slug}/evaluasi`
  if (formData.get('intent') === 'retire') {
    await retireIndicator(getDb(), { indicatorId: indicator.id, policyId: policy.id })
    throw redirect(withNotice(back, 'dihentikan', {}, 'indikator'))
  }
  const submission = parseSubmission(formData, { schema: IndicatorSchema })
  if (submission.status !== 'success') return { form: 'ubah-indikator', result: submission.reply() }
  const done = await withEvaluationErrors(() => updateIndicator(getDb(), { ...submission.value, indicatorId: indicator.id, policyId: policy.id }), 'name')
  if (!done.ok) return { form: 'ubah-indikator', result: submission.reply({ fieldErrors: done.fieldErrors }) }
  throw redirect(withNotice(back, 'diubah', {}, 'indikator'))
}

export default function EditIndicator({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { policy, indicator } = loaderData
  const { form, initial, errors } = useEvaluationForm('ubah-indikator', IndicatorSchema, actionData)
  const values = actionData
    ? initial
    : {
        name: indicator.name,
        unit: indicator.unit,
        baseline: indicator.baseline,
        target: indicator.target,
        direction: indicator.direction,
        dataSource: indicator.data_source,
        responsibleUnit: indicator.responsible_unit,
      }
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.manage.heading')}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {indicator.retired_at ? (
        <p className="notice">{t('evaluations.indicator.isRetired')}</p>
      ) : (
        <>
          <p>{t('evaluations.indicator.editIntro')}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <IndicatorFields prefix="indikator" initial={values} errors={errors} />
            <button type="submit" className="button">
              {t('evaluations.indicator.save')}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="retire" />
            <p className="field__hint" id="hentikan-petunjuk">
              {t('evaluations.indicator.retireHint')}
            </p>
            <button type="submit" className="button button--secondary" aria-describedby="hentikan-petunjuk">
              {t('evaluations.indicator.retire')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
