import { Form, Link } from 'react-router'
import { listThemesWithCitations } from '~/domain/themes.server'
import type { Route } from './+types/matrix'
import { DecisionChart } from '~/components/charts/DecisionChart'
import { Select } from '~/components/form-controls'
import { ShownAs } from '~/components/ShownAs'
import { MatrixCursorError, type MatrixRow, countComplaints, getMatrix, MATRIX_PAGE_SIZE } from '~/domain/matrix.server'
import { answeredCounts } from '~/domain/responses.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'
import { loadPolicyConsultation } from '~/lib/matrix-scope.server'
import { formatNumber } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['answers', 'consultations', 'revisions'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title, data?.description)

// Long inputs are shortened in the table; the full text is on the input's own page.
const EXCERPT = 400

function excerpt(text: string) {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text
}

/** The public response matrix of a consultation: summary, decisions chart, and the table a page at a time. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, consultations, consultation } = await loadPolicyConsultation(request, params.slug)
  const t = translator(getLocale(request))
  const url = new URL(request.url)
  const base = {
    title: t('matrix.metaTitle', { policy: policy.title }),
    description: describePage(t, 'matrix', { title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    consultations: consultations.map((c) => ({ id: c.id, title: c.title, versionNumber: c.version_number })),
  }
  if (!consultation) return { ...base, consultation: null }

  let badCursor = false
  let page: { rows: MatrixRow[]; nextCursor: string | null }
  try {
    page = await getMatrix(db, { consultationId: consultation.id }, { cursor: url.searchParams.get('setelah') })
  } catch (error) {
    if (!(error instanceof MatrixCursorError)) throw error
    badCursor = true
    page = await getMatrix(db, { consultationId: consultation.id })
  }
  // The page number only numbers the rows; the cursor decides what is shown.
  const pageNumber = badCursor ? 1 : Math.min(Math.max(Number(url.searchParams.get('halaman')) || 1, 1), 1_000_000)
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams({ konsultasi: String(consultation.id), ...extra })
    return `?${q}`
  }
  return {
    ...base,
    consultation: { id: consultation.id, title: consultation.title, versionNumber: consultation.version_number },
    counts: await answeredCounts(db, consultation.id),
    complaints: await countComplaints(db, consultation.id),
    themes: await listThemesWithCitations(db, consultation.id, { publishedOnly: true }),
    rows: page.rows.map((r) => ({ ...r, proposedText: excerpt(r.proposedText), reason: excerpt(r.reason) })),
    firstRow: (pageNumber - 1) * MATRIX_PAGE_SIZE + 1,
    badCursor,
    nextHref: page.nextCursor ? query({ setelah: page.nextCursor, halaman: String(pageNumber + 1) }) : null,
    firstHref: url.searchParams.has('setelah') && !badCursor ? query({}) : null,
    csvHref: `/kebijakan/${policy.slug}/matriks.csv${query({})}`,
    pdfHref: `/kebijakan/${policy.slug}/matriks.pdf${query({})}`,
    summaryHref: `/kebijakan/${policy.slug}/ringkasan${query({})}`,
  }
}

type Row = MatrixRow

function Decision({ row }: { row: Row }) {
  const t = useT()
  if (!row.decision) return <span className="decision decision--none">{t('decision.none')}</span>
  return (
    <>
      <span className={`decision decision--${row.decision}`}>{t(`decision.${row.decision}`)}</span>
      {row.responseSource === 'theme' && row.themeTitle ? (
        <span className="decision__via"> {t('matrix.viaTheme', { theme: row.themeTitle })}</span>
      ) : null}
    </>
  )
}

function InputCell({ row }: { row: Row }) {
  const t = useT()
  const lang = useContentLang()
  return (
    <>
      {row.proposedText ? (
        <p className="matrix__text">
          <span className="matrix__label">{t('matrix.proposed')}</span> <span lang={lang}>{row.proposedText}</span>
        </p>
      ) : null}
      <p className="matrix__text">
        <span className="matrix__label">{t('matrix.because')}</span> <span lang={lang}>{row.reason}</span>
      </p>
    </>
  )
}

function NumberCell({ row }: { row: Row }) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <Link to={`/masukan/${row.trackingNumber}`}>{row.trackingNumber}</Link>
      {row.count > 1 ? <span className="matrix__count">{t('matrix.group', { count: formatNumber(row.count, locale) })}</span> : null}
    </>
  )
}

export default function MatrixPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { policy } = loaderData
  if (!loaderData.consultation) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
        </p>
        <h1>{t('matrix.title')}</h1>
        <p>{t('matrix.noConsultation')}</p>
      </div>
    )
  }
  const { consultation, counts, rows } = loaderData
  const answers = rows.filter((r) => r.type !== 'complaint')
  const complaints = rows.filter((r) => r.type === 'complaint')
  const n = (v: number) => formatNumber(v, locale)
  const section = (r: Row) => (r.sectionKey ? r.sectionHeading : t('input.section.whole'))
  let number = loaderData.firstRow - 1
  return (
    <div className="page matrix">
      <p className="breadcrumb">
        <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1>{t('matrix.title')}</h1>
      <p className="lead">{t('matrix.intro')}</p>
      <p>
        {policy.organisation} · {t('matrix.consultationOf', { title: consultation.title, version: consultation.versionNumber })}
      </p>
      {loaderData.consultations.length > 1 ? (
        <Form method="get" className="filters">
          <Select
            id="pilih-konsultasi"
            name="konsultasi"
            label={t('matrix.chooseConsultation')}
            defaultValue={String(consultation.id)}
            options={loaderData.consultations.map((c) => ({
              value: String(c.id),
              label: `${c.title} (${t('policy.version', { number: c.versionNumber })})`,
            }))}
          />
          <button type="submit" className="button button--secondary">
            {t('matrix.show')}
          </button>
        </Form>
      ) : null}
      {loaderData.badCursor ? (
        <p className="notice" role="status">
          {t('matrix.badCursor')}
        </p>
      ) : null}

      <section aria-labelledby="ringkasan-tanggapan" className="matrix__summary">
        <h2 id="ringkasan-tanggapan">{t('matrix.summary.title')}</h2>
        <p className="matrix__counts">
          {t('matrix.summary.answered', { answered: n(counts.answered), total: n(counts.total), unanswered: n(counts.unanswered) })}
          {loaderData.complaints > 0 ? ` ${t('matrix.summary.complaints', { count: n(loaderData.complaints) })}` : null}
        </p>
        <DecisionChart id="grafik-keputusan" counts={counts} headingLevel={3} />
        <h3 id="unduh-matriks">{t('matrix.downloads')}</h3>
        <ul className="matrix__downloads" aria-labelledby="unduh-matriks">
          <li>
            <a href={loaderData.csvHref} download>
              {t('matrix.download.csv')}
            </a>
          </li>
          <li>
            <a href={loaderData.pdfHref} download>
              {t('matrix.download.pdf')}
            </a>
          </li>
          <li>
            <Link to={loaderData.summaryHref}>{t('matrix.summaryLink')}</Link>
          </li>
        </ul>
      </section>

      {loaderData.themes.length > 0 ? (
        <section aria-labelledby="tema-matriks" className="matrix__themes">
          <h2 id="tema-matriks">{t('revisions.matrix.themes')}</h2>
          {loaderData.themes.map((theme) => (
            <article key={theme.id} id={`tema-${theme.id}`} className="panel" aria-labelledby={`tema-${theme.id}-judul`}>
              <h3 id={`tema-${theme.id}-judul`}>
                {theme.title} <span className="muted">({t('consultation.inputCount', { count: theme.publishedCount })})</span>
              </h3>
              {theme.summary ? <p>{theme.summary}</p> : null}
              {theme.citations.length ? (
                <p className="muted">
                  {t('revisions.matrix.cites')}{' '}
                  {theme.citations.map((c, i) => (
                    <span key={c.inputId}>
                      {i > 0 ? ', ' : ''}
                      <Link to={`/masukan/${c.trackingNumber}`}>{c.trackingNumber}</Link>
                    </span>
                  ))}
                </p>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="tabel-matriks">
        <h2 id="tabel-matriks">{t('matrix.table.title')}</h2>
        {rows.length === 0 ? (
          <p className="empty-state">{t('matrix.empty')}</p>
        ) : answers.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table matrix__table">
              <caption className="visually-hidden">
                {t('matrix.table.caption', { from: n(loaderData.firstRow), to: n(loaderData.firstRow + answers.length - 1) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('matrix.col.no')}</th>
                  <th scope="col">{t('matrix.col.number')}</th>
                  <th scope="col">{t('matrix.col.section')}</th>
                  <th scope="col">{t('matrix.col.kind')}</th>
                  <th scope="col">{t('matrix.col.who')}</th>
                  <th scope="col">{t('matrix.col.input')}</th>
                  <th scope="col">{t('matrix.col.decision')}</th>
                  <th scope="col">{t('matrix.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {answers.map((r) => {
                  number++
                  return (
                    <tr key={r.id}>
                      <td data-label={t('matrix.col.no')}>{n(number)}</td>
                      <th scope="row" className="data-table__main" data-label={t('matrix.col.number')}>
                        <NumberCell row={r} />
                      </th>
                      <td data-label={t('matrix.col.section')}>{section(r)}</td>
                      <td data-label={t('matrix.col.kind')}>
                        {t(`kind.${r.kind}`)}
                        <span className="matrix__topic">{r.topic}</span>
                      </td>
                      <td data-label={t('matrix.col.who')}>
                        <ShownAs label={r.displayLabel} verified={r.verified} />
                        {r.groupName && r.groupName !== r.displayLabel ? <span className="matrix__group">{r.groupName}</span> : null}
                      </td>
                      <td data-label={t('matrix.col.input')} className="matrix__input">
                        <InputCell row={r} />
                      </td>
                      <td data-label={t('matrix.col.decision')}>
                        <Decision row={r} />
                      </td>
                      <td data-label={t('matrix.col.reason')} className="prewrap matrix__reason">
                        {r.responseReason}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {complaints.length > 0 ? (
        <section aria-labelledby="pengaduan" className="matrix__complaints">
          <h2 id="pengaduan">{t('matrix.complaints.title')}</h2>
          <p>{t('matrix.complaints.intro')}</p>
          <div className="table-wrap">
            <table className="data-table matrix__table">
              <caption className="visually-hidden">{t('matrix.complaints.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('matrix.col.number')}</th>
                  <th scope="col">{t('matrix.col.section')}</th>
                  <th scope="col">{t('matrix.col.who')}</th>
                  <th scope="col">{t('matrix.col.input')}</th>
                </tr>
              </thead>
              <tbody>
                {complaints.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" className="data-table__main" data-label={t('matrix.col.number')}>
                      <NumberCell row={r} />
                    </th>
                    <td data-label={t('matrix.col.section')}>{section(r)}</td>
                    <td data-label={t('matrix.col.who')}>
                      <ShownAs label={r.displayLabel} verified={r.verified} />
                    </td>
                    <td data-label={t('matrix.col.input')} className="matrix__input">
                      <InputCell row={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <nav className="pager" aria-label={t('matrix.pages')}>
        {loaderData.firstHref ? <Link to={loaderData.firstHref}>{t('matrix.first')}</Link> : null}
        {loaderData.nextHref ? (
          <Link to={loaderData.nextHref} className="button button--secondary">
            {t('matrix.next')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
