import { Link } from 'react-router'
import type { Stage } from '~db/schema'
import { FollowButton } from '~/components/FollowButton'
import { StageBadge } from '~/components/StageBadge'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'
import { formatDateTime } from '~/lib/time'

export interface PolicyReading {
  policy: {
    slug: string
    title: string
    summary: string
    stage: Stage
    organisation_name: string
    organisation_slug: string
    time_zone: string
  }
  versions: { id: number; number: number; published_at: string | null }[]
  version: { id: number; number: number; published_at: string | null } | null
  currentNumber: number | null
  sections: { key: string; heading: string; body: string }[]
  stages: Stage[]
  participation: Participation | null
  /** The policy has evaluation periods (after adoption): link to its evaluation page. */
  evaluated?: boolean
}

export interface Participation {
  consultation: {
    title: string
    description: string
    state: 'open' | 'upcoming' | 'closed'
    audience: 'public' | 'employees' | 'both'
    moderation: 'pre' | 'post'
    opensAtText: string
    closesAtText: string
  } | null
  counts: Record<string, number>
}

function ConsultationBanner({ slug, organisation, participation }: { slug: string; organisation: string; participation: Participation }) {
  const t = useT()
  const c = participation.consultation
  if (!c) return null
  const total = Object.values(participation.counts).reduce((a, b) => a + b, 0)
  return (
    <section className={`consultation-banner consultation-banner--${c.state}`} aria-labelledby="konsultasi-judul">
      <h2 id="konsultasi-judul">
        {t('consultation.label')}: {t(`consultation.state.${c.state}`)}
      </h2>
      <p className="consultation-banner__title">{c.title}</p>
      {c.description ? <p>{c.description}</p> : null}
      <p>
        {c.state === 'open'
          ? t('consultation.openUntil', { date: c.closesAtText })
          : c.state === 'upcoming'
            ? t('consultation.opensAt', { date: c.opensAtText, closes: c.closesAtText })
            : t('consultation.closedAt', { date: c.closesAtText })}{' '}
        {t(`consultation.audience.${c.audience}`, { organisation })}. {t(`consultation.moderation.${c.moderation}`)}.
      </p>
      <p className="actions">
        {c.state === 'open' ? (
          <Link className="button" to={`/kebijakan/${slug}/masukan/baru`}>
            {t('consultation.giveInputWhole')}
          </Link>
        ) : null}
        <Link to={`/kebijakan/${slug}/masukan`}>
          {t('consultation.readInputs')} ({t('consultation.inputCount', { count: total })})
        </Link>
        <Link to={`/kebijakan/${slug}/matriks`}>{t('matrix.link')}</Link>
        <Link to={`/kebijakan/${slug}/ringkasan`}>{t('summary.link')}</Link>
      </p>
    </section>
  )
}

export function PolicyDocument({ reading }: { reading: PolicyReading }) {
  const t = useT()
  const lang = useContentLang()
  const locale = useLocale()
  const { policy, version, versions, sections, currentNumber } = reading
  const currentIndex = reading.stages.indexOf(policy.stage)
  const compareHref = version ? compareLink(policy.slug, versions, version.number) : null
  return (
    <article className="page policy" aria-labelledby="judul-kebijakan">
      <header className="policy__header">
        <p className="policy__org">
          <span className="visually-hidden">{t('policy.organisation')}: </span>
          <span lang={lang}>{policy.organisation_name}</span>
        </p>
        <h1 id="judul-kebijakan" lang={lang}>
          {policy.title}
        </h1>
        <p className="policy__meta">
          <StageBadge stage={policy.stage} />
          {version ? (
            <span>
              {t('policy.version', { number: version.number })}
              {version.published_at
                ? ` · ${t('policy.publishedAt', { date: formatDateTime(version.published_at, policy.time_zone, locale) })}`
                : null}
            </span>
          ) : null}
        </p>
        <FollowButton slug={policy.slug} />
        {version && currentNumber !== null && version.number !== currentNumber ? (
          <p className="notice" role="status">
            {t('policy.viewingOld', { number: version.number, current: currentNumber })}{' '}
            <Link to={`/kebijakan/${policy.slug}`}>{t('policy.readCurrent')}</Link>
          </p>
        ) : null}
        <ul className="policy__links">
          {compareHref ? (
            <li>
              <Link to={compareHref.href}>{t(compareHref.label)}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`/kebijakan/${policy.slug}/linimasa`}>{t('timeline.link')}</Link>
          </li>
          {reading.evaluated ? (
            <li>
              <Link to={`/kebijakan/${policy.slug}/evaluasi`}>{t('policy.evaluationLink')}</Link>
            </li>
          ) : null}
        </ul>
      </header>

      <nav aria-label={t('policy.stages')} className="stage-track">
        <ol>
          {reading.stages.map((stage, i) => (
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
      </nav>

      {reading.participation && version?.number === currentNumber ? (
        <ConsultationBanner slug={policy.slug} organisation={policy.organisation_name} participation={reading.participation} />
      ) : null}

      {!version ? (
        <p>{t('policy.noVersion')}</p>
      ) : (
        <div className="policy__layout">
          <nav aria-labelledby="daftar-isi" className="toc">
            <h2 id="daftar-isi">{t('policy.contents')}</h2>
            <ol>
              {sections.map((s) => (
                <li key={s.key}>
                  <a href={`#${s.key}`}>{s.heading || t('policy.untitledSection')}</a>
                </li>
              ))}
            </ol>
            {versions.length > 1 ? (
              <>
                <h2 id="semua-versi">{t('policy.versions')}</h2>
                <ul aria-labelledby="semua-versi">
                  {versions.map((v) => (
                    <li key={v.id}>
                      <Link
                        to={`/kebijakan/${policy.slug}/versi/${v.number}`}
                        aria-current={v.number === version.number ? 'page' : undefined}
                      >
                        {t('policy.version', { number: v.number })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </nav>
          <div className="policy__body">
            {sections.map((s) => (
              <section key={s.key} id={s.key} className="clause" aria-labelledby={`${s.key}-judul`}>
                <h2 id={`${s.key}-judul`}>
                  {s.heading ? <span lang={lang}>{s.heading}</span> : t('policy.untitledSection')}{' '}
                  <a href={`#${s.key}`} className="clause__anchor" aria-label={`${t('policy.sectionLink')}: ${s.heading}`}>
                    #
                  </a>
                </h2>
                {s.body.split(/\n{2,}/).map((paragraph, i) => (
                  <p key={i} lang={lang}>
                    {paragraph}
                  </p>
                ))}
                {reading.participation?.consultation ? (
                  <SectionParticipation
                    slug={policy.slug}
                    sectionKey={s.key}
                    heading={s.heading || t('policy.untitledSection')}
                    count={reading.participation.counts[s.key] ?? 0}
                    open={reading.participation.consultation.state === 'open' && version.number === currentNumber}
                  />
                ) : null}
              </section>
            ))}
          </div>
        </div>
      )}
    </article>
  )
}

function SectionParticipation(props: { slug: string; sectionKey: string; heading: string; count: number; open: boolean }) {
  const t = useT()
  const lang = useContentLang()
  // The visible words come first; the section's name follows for screen readers.
  return (
    <p className="clause__participation">
      <Link to={`/kebijakan/${props.slug}/masukan?bagian=${encodeURIComponent(props.sectionKey)}`}>
        {t('consultation.inputCount', { count: props.count })}
        <span className="visually-hidden">
          : <span lang={lang}>{props.heading}</span>
        </span>
      </Link>
      {props.open ? (
        <Link
          className="button button--secondary"
          to={`/kebijakan/${props.slug}/masukan/baru?bagian=${encodeURIComponent(props.sectionKey)}`}
        >
          {t('consultation.giveInputSection')}
          <span className="visually-hidden">
          : <span lang={lang}>{props.heading}</span>
        </span>
        </Link>
      ) : null}
    </p>
  )
}

/** With two or more versions: compare the one being read with the one before it (or, for the first, with the latest). */
function compareLink(slug: string, versions: { number: number }[], number: number) {
  if (versions.length < 2) return null
  const earlier = versions.map((v) => v.number).filter((n) => n < number)
  if (earlier.length) {
    return { href: `/kebijakan/${slug}/perbandingan?dari=${Math.max(...earlier)}&ke=${number}`, label: 'redline.compareWithPrevious' as const }
  }
  const latest = Math.max(...versions.map((v) => v.number).filter((n) => n !== number))
  return { href: `/kebijakan/${slug}/perbandingan?dari=${number}&ke=${latest}`, label: 'redline.compareWithLatest' as const }
}
