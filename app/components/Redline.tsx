import { Link } from 'react-router'
import type { Redline, RedlineSummary, SectionChange, TextFragment, WordOp } from '~/domain/redline'
import { toParagraphs } from '~/domain/redline'
import type { Locale, MessageKey, Translate } from '~/i18n/messages'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'

/** An input, theme or evaluation finding that prompted a change, cited next to it (filled in by the feature that links them). */
export interface ChangeCitation {
  kind: 'input' | 'theme' | 'finding'
  label: string
  href: string
}

function pluralKey<P extends string>(locale: Locale, base: P, count: number): `${P}.one` | `${P}.other` {
  const rule = new Intl.PluralRules(locale === 'id' ? 'id-ID' : 'en-GB').select(count)
  return rule === 'one' ? `${base}.one` : `${base}.other`
}

/** "3 bagian diubah, 1 ditambah, 1 dihapus, 1 dipindah" (only the kinds that occur). */
export function summarySentence(t: Translate, locale: Locale, summary: RedlineSummary): string | null {
  const kinds = (['changed', 'added', 'removed', 'moved'] as const).filter((k) => summary[k] > 0)
  if (kinds.length === 0) return null
  return kinds
    .map((kind, i) => {
      const what = t(`redline.summary.${kind}`)
      const count = summary[kind]
      return i === 0 ? t(pluralKey(locale, 'redline.summary.lead', count), { count, what }) : t('redline.summary.rest', { count, what })
    })
    .join(', ')
}

function Fragment({ fragment }: { fragment: TextFragment }) {
  const t = useT()
  const content = fragment.paragraphBreak ? (
    <>
      <span aria-hidden="true">¶</span>
      <span className="visually-hidden">{t('redline.paragraphBreak')}</span>
    </>
  ) : (
    fragment.text
  )
  if (fragment.type === 'equal') return <>{content}</>
  const [Tag, start, end] =
    fragment.type === 'insert'
      ? (['ins', 'redline.insertStart', 'redline.insertEnd'] as const)
      : (['del', 'redline.deleteStart', 'redline.deleteEnd'] as const)
  return (
    <Tag className={fragment.paragraphBreak ? 'redline-mark' : undefined}>
      <span className="visually-hidden">{t(start)} </span>
      {content}
      <span className="visually-hidden"> {t(end)}</span>
    </Tag>
  )
}

/** Word ops inline (for a heading). */
export function WordOps({ ops }: { ops: WordOp[] }) {
  return (
    <>
      {ops.map((op, i) => (
        <Fragment key={i} fragment={op} />
      ))}
    </>
  )
}

/** Word ops as paragraphs (for a section's body). */
export function WordOpsParagraphs({ ops }: { ops: WordOp[] }) {
  return (
    <>
      {toParagraphs(ops).map((paragraph, i) => (
        <p key={i}>
          {paragraph.map((fragment, j) => (
            <Fragment key={j} fragment={fragment} />
          ))}
        </p>
      ))}
    </>
  )
}

const STATUS_KEY: Record<SectionChange['status'], MessageKey> = {
  added: 'redline.status.added',
  removed: 'redline.status.removed',
  changed: 'redline.status.changed',
  unchanged: 'redline.status.unchanged',
}

/** The kinds of change of one section, in words (never by colour alone). */
export function statusLabels(t: Translate, change: SectionChange): string[] {
  const labels: string[] = []
  if (change.status !== 'unchanged' || !change.moved) labels.push(t(STATUS_KEY[change.status]))
  if (change.moved) labels.push(t('redline.status.moved', { from: change.fromPosition!, to: change.toPosition! }))
  if (change.renamed) labels.push(t('redline.status.renamed'))
  return labels
}

export function sectionTitle(t: Translate, change: SectionChange): string {
  return change.toHeading || change.fromHeading || t('policy.untitledSection')
}

function MotivatedBy({ citations }: { citations: ChangeCitation[] | undefined }) {
  const t = useT()
  if (!citations?.length) return null
  return (
    <div className="redline-citations">
      <p>{t('redline.motivatedBy')}</p>
      <ul>
        {citations.map((c) => (
          <li key={c.href}>
            <Link to={c.href}>{c.label}</Link>
          </li>
        ))}
      </ul>
    </div>
  )
}

function SectionChangeView({
  change,
  titles,
  links,
  citations,
}: {
  change: SectionChange
  titles: Map<string, string>
  links: { fromHref: (key: string) => string; toHref: (key: string) => string; fromNumber: number; toNumber: number }
  citations: ChangeCitation[] | undefined
}) {
  const t = useT()
  const lang = useContentLang()
  const headingId = `${change.anchor}-judul`
  const body = change.bodyOps.length ? <WordOpsParagraphs ops={change.bodyOps} /> : <p className="muted">{t('redline.emptyBody')}</p>
  const quiet = change.status === 'unchanged' && !change.moved
  const kind = change.moved && change.status === 'unchanged' ? 'moved' : change.status
  return (
    <section id={change.anchor} className={`redline-section redline-section--${kind}`} aria-labelledby={headingId}>
      <h3 id={headingId} lang={lang}>
        {sectionTitle(t, change)}
      </h3>
      <ul className="redline-badges" aria-label={t('redline.statusLabel')}>
        {statusLabels(t, change).map((label) => (
          <li key={label} className="redline-badge">
            {label}
          </li>
        ))}
      </ul>
      {change.renamed ? (
        <p className="redline-heading-diff">
          {t('redline.headingDiff')} <WordOps ops={change.headingOps} />
        </p>
      ) : null}
      {change.textFrom ? (
        <p className="redline-trace">
          {t('redline.textFrom')} <a href={`#perubahan-${change.textFrom}`}>{titles.get(change.textFrom)}</a>.
        </p>
      ) : null}
      {change.textMovedTo ? (
        <p className="redline-trace">
          {t('redline.textMovedTo')} <a href={`#perubahan-${change.textMovedTo}`}>{titles.get(change.textMovedTo)}</a>.
        </p>
      ) : null}
      {quiet ? (
        <details className="redline-details">
          <summary>{t('redline.showText')}</summary>
          <div className="redline-body" lang={lang}>
            {body}
          </div>
        </details>
      ) : (
        <div className="redline-body" lang={lang}>
          {body}
        </div>
      )}
      <MotivatedBy citations={citations} />
      <p className="redline-source">
        {change.status === 'removed' ? (
          <Link to={links.fromHref(change.key)}>{t('redline.readInVersion', { number: links.fromNumber })}</Link>
        ) : (
          <Link to={links.toHref(change.key)}>{t('redline.readInVersion', { number: links.toNumber })}</Link>
        )}
      </p>
    </section>
  )
}

/** The whole redline: summary, a list of changes to jump to, then every section in reading order. */
export function RedlineView({
  redline,
  policySlug,
  fromNumber,
  toNumber,
  citations = {},
}: {
  redline: Redline
  policySlug: string
  fromNumber: number
  toNumber: number
  /** Inputs and themes behind each change, by section key; none is shown when none is given. */
  citations?: Record<string, ChangeCitation[]>
}) {
  const t = useT()
  const locale = useLocale()
  const { summary } = redline
  const sentence = summarySentence(t, locale, summary)
  const titles = new Map(redline.sections.map((c) => [c.key, sectionTitle(t, c)]))
  const listed = redline.sections.filter((c) => c.status !== 'unchanged' || c.moved)
  const links = {
    fromHref: (key: string) => `/kebijakan/${policySlug}/versi/${fromNumber}#${key}`,
    toHref: (key: string) => `/kebijakan/${policySlug}/versi/${toNumber}#${key}`,
    fromNumber,
    toNumber,
  }
  return (
    <div className="redline">
      <section aria-labelledby="ringkasan-perubahan" className="redline-summary">
        <h2 id="ringkasan-perubahan">{t('redline.summary.title')}</h2>
        {sentence ? <p className="redline-summary__sentence">{sentence}.</p> : <p>{t('redline.summary.none')}</p>}
        {summary.renamed > 0 ? <p>{t(pluralKey(locale, 'redline.summary.renamed', summary.renamed), { count: summary.renamed })}</p> : null}
        {summary.unchanged > 0 && sentence ? (
          <p className="muted">{t(pluralKey(locale, 'redline.summary.unchanged', summary.unchanged), { count: summary.unchanged })}</p>
        ) : null}
        <div className="redline-legend">
          <h3>{t('redline.legend.title')}</h3>
          <ul>
            <li>
              <span className="redline-sample-ins">{t('redline.legend.sampleInsert')}</span>: {t('redline.legend.insert')}
            </li>
            <li>
              <span className="redline-sample-del">{t('redline.legend.sampleDelete')}</span>: {t('redline.legend.delete')}
            </li>
          </ul>
          <p>{t('redline.legend.badges')}</p>
        </div>
      </section>
      <div className="policy__layout">
        {listed.length ? (
          <nav aria-labelledby="daftar-perubahan" className="toc">
            <h2 id="daftar-perubahan">{t('redline.changes')}</h2>
            <ol>
              {listed.map((c) => (
                <li key={c.key}>
                  <a href={`#${c.anchor}`}>{titles.get(c.key)}</a>
                  <span className="toc__note"> ({statusLabels(t, c).join('; ')})</span>
                </li>
              ))}
            </ol>
          </nav>
        ) : (
          <div />
        )}
        <div className="redline__main">
          <h2 className="redline__sections-title">{t('redline.sections')}</h2>
          <div className="redline__sections">
            {redline.sections.map((change) => (
              <SectionChangeView key={change.key} change={change} titles={titles} links={links} citations={citations[change.key]} />
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}
