import { Form, Link, data, redirect } from 'react-router'
import type { Route } from './+types/kelola.reasons'
import { ChoiceGroup, TextInput } from '~/components/form-controls'
import { FindingChoices } from '~/components/evaluation/FindingChoices'
import { listCitableFindings } from '~/domain/evaluations/findings.server'
import { CitationError, citeChange, getDraftChanges, listChangeCitations, listCitableThemes } from '~/domain/revisions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { citationLink } from '~/lib/citations'
import { getDb } from '~/lib/db.server'
import { editorPath } from '~/lib/workspace-paths'
import { requirePolicyTeam, versionNumber } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'evaluations', 'revisions'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.pageTitle} · Rembuk` }] : [])

async function loadDraft(request: Request, slug: string, param: string) {
  const { actor, policy } = await requirePolicyTeam(request, slug, 'policy.edit')
  const number = versionNumber(param)
  const version = await getDb()
    .selectFrom('policy_versions')
    .select(['id', 'number', 'status'])
    .where('policy_id', '=', policy.id)
    .where('number', '=', number)
    .executeTakeFirst()
  if (!version) throw new Response('Not found', { status: 404 })
  // A published version's reasons are read in its public comparison, never edited.
  if (version.status !== 'draft') throw redirect(`/kebijakan/${policy.slug}/versi/${number}`)
  return { actor, policy, version }
}

/** For a draft: each change against the base version, with the themes and inputs it cites. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy, version } = await loadDraft(request, params.slug, params.number)
  const db = getDb()
  const { base, redline } = await getDraftChanges(db, version.id)
  const citations = await listChangeCitations(db, [version.id])
  return {
    pageTitle: translator(getLocale(request))('revisions.reasons.title', { number: version.number }),
    policy: { slug: policy.slug, title: policy.title },
    number: version.number,
    base: base?.number ?? null,
    changes: redline.sections
      .filter((s) => s.status !== 'unchanged' || s.moved || s.renamed)
      .map((s) => ({ key: s.key, heading: s.toHeading ?? s.fromHeading ?? s.key, status: s.status, moved: s.moved })),
    themes: await listCitableThemes(db, policy.id),
    findings: await listCitableFindings(db, policy.id),
    citations,
    saved: new URL(request.url).searchParams.get('disimpan'),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { policy, version } = await loadDraft(request, params.slug, params.number)
  const formData = await readForm(request)
  const sectionKey = String(formData.get('sectionKey') ?? '')
  const themeIds = formData.getAll('themeIds').map(Number).filter(Number.isInteger)
  const trackingNumbers = String(formData.get('trackingNumbers') ?? '').split(/[,;\n]/)
  const findings = formData.getAll('findings').map(String).slice(0, 200)
  const { redline } = await getDraftChanges(getDb(), version.id)
  if (!redline.sections.some((s) => s.key === sectionKey)) throw new Response('Bad request', { status: 400 })
  try {
    await citeChange(getDb(), { versionId: version.id, sectionKey, themeIds, trackingNumbers, findings })
  } catch (error) {
    if (!(error instanceof CitationError)) throw error
    const message =
      error.code === 'unknown_input'
        ? `revisions.error.unknownInput|numbers=${error.detail}`
        : error.code === 'unknown_theme'
          ? 'revisions.error.unknownTheme'
          : error.code === 'unknown_finding'
            ? 'evaluations.citation.unknown'
            : 'error.server'
    const field = error.code === 'unknown_theme' ? 'themeIds' : error.code === 'unknown_finding' ? 'findings' : 'trackingNumbers'
    return data(
      { sectionKey, field, message, typed: formData.get('trackingNumbers') },
      { status: 400 },
    )
  }
  throw redirect(`/kelola/kebijakan/${policy.slug}/versi/${version.number}/alasan?disimpan=${encodeURIComponent(sectionKey)}#alasan-${sectionKey}`)
}

export default function DraftReasons({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { policy, number, base, changes, themes, findings, citations, saved } = loaderData
  const savedHeading = saved ? changes.find((c) => c.key === saved)?.heading : null
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={editorPath(policy.slug, number)}>
          {policy.title} · {t('policy.version', { number })}
        </Link>
      </p>
      <h1>{t('revisions.reasons.title', { number })}</h1>
      {savedHeading ? (
        <p className="notice" role="status">
          {t('revisions.reasons.saved', { section: savedHeading })}
        </p>
      ) : null}
      {base === null ? (
        <p>{t('revisions.reasons.noBase')}</p>
      ) : (
        <>
          <p>{t('revisions.reasons.intro', { base })}</p>
          {changes.length === 0 ? <p>{t('revisions.reasons.none', { base })}</p> : null}
          {changes.map((change) => {
            const cited = citations[change.key] ?? []
            const mine = actionData?.sectionKey === change.key ? actionData : null
            const citedThemes = cited.filter((c) => c.kind === 'theme').map((c) => String(c.themeId))
            const citedInputs = cited.filter((c) => c.kind === 'input').map((c) => c.trackingNumber)
            const citedFindings = cited.flatMap((c) => (c.finding ? [c.finding.key] : []))
            return (
              <section key={change.key} id={`alasan-${change.key}`} className="panel" aria-labelledby={`alasan-${change.key}-judul`}>
                <h2 id={`alasan-${change.key}-judul`}>
                  {change.heading}{' '}
                  <span className="stage-badge">
                    {t(`revisions.status.${change.status === 'unchanged' ? 'moved' : change.status}`)}
                  </span>
                </h2>
                <p className="muted">
                  {t('revisions.reasons.current')}:{' '}
                  {cited.length
                    ? cited.map((c) => citationLink(t, policy.slug, c).label).join('; ')
                    : t('revisions.reasons.nothingCited')}
                </p>
                <Form method="post" className="stack">
                  <input type="hidden" name="sectionKey" value={change.key} />
                  {themes.length ? (
                    <ChoiceGroup
                      id={`tema-${change.key}`}
                      name="themeIds"
                      type="checkbox"
                      legend={t('revisions.reasons.themes')}
                      defaultValue={citedThemes}
                      errors={mine?.field === 'themeIds' ? [mine.message] : undefined}
                      options={themes.map((th) => ({ value: String(th.id), label: th.title, hint: th.consultation_title }))}
                    />
                  ) : (
                    <p className="muted">{t('revisions.reasons.noThemes')}</p>
                  )}
                  {findings.length ? (
                    <FindingChoices
                      id={`temuan-${change.key}`}
                      findings={findings}
                      chosen={citedFindings}
                      errors={mine?.field === 'findings' ? [mine.message] : undefined}
                    />
                  ) : null}
                  <TextInput
                    id={`masukan-${change.key}`}
                    name="trackingNumbers"
                    label={t('revisions.reasons.inputs')}
                    hint={t('revisions.reasons.inputs.hint')}
                    defaultValue={mine ? String(mine.typed ?? '') : citedInputs.join(', ')}
                    errors={mine?.field === 'trackingNumbers' ? [mine.message] : undefined}
                  />
                  <button type="submit" className="button button--secondary">
                    {t('revisions.reasons.save')}
                    <span className="visually-hidden">: {change.heading}</span>
                  </button>
                </Form>
              </section>
            )
          })}
        </>
      )}
    </div>
  )
}
