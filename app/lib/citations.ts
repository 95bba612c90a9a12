import type { ChangeCitation } from '~/components/Redline'
import type { CitationRow } from '~/domain/revisions.server'
import type { MessageKey, Translate } from '~/i18n/messages'

/** How a change's citation reads and where it leads: a theme, an input, or an evaluation finding. */
export function citationLink(t: Translate, policySlug: string, c: CitationRow): ChangeCitation {
  if (c.kind === 'theme') {
    return {
      kind: 'theme',
      label: t('revisions.citation.theme', { title: c.themeTitle ?? '' }),
      href: `/kebijakan/${policySlug}/matriks?konsultasi=${c.themeConsultationId}#tema-${c.themeId}`,
    }
  }
  if (c.kind === 'input' || !c.finding) {
    return {
      kind: 'input',
      label: t('revisions.citation.input', { number: c.trackingNumber ?? '', who: c.inputLabel || t('input.anonymous') }),
      href: `/masukan/${c.trackingNumber}`,
    }
  }
  const f = c.finding
  const period = `/kebijakan/${policySlug}/evaluasi/${f.periodSlug}`
  if (c.kind === 'follow_up') {
    return {
      kind: 'finding',
      label: t('evaluations.citation.followUp', { period: f.periodName, action: f.followUpAction ?? '' }),
      href: `${period}/laporan#tindak-lanjut-${f.followUpId}`,
    }
  }
  if (c.kind === 'indicator') {
    return {
      kind: 'finding',
      label: t('evaluations.citation.indicator', { period: f.periodName, name: f.indicatorName ?? '' }),
      href: `${period}#indikator-${f.indicatorId}`,
    }
  }
  return {
    kind: 'finding',
    label: t('evaluations.citation.element', { period: f.periodName, element: t(`evaluations.element.${f.element}` as MessageKey) }),
    href: `${period}#unsur-${f.element}`,
  }
}
