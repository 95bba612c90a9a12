import type { ReactNode } from 'react'
import { useLocale, useT } from '~/i18n/use-t'
import { formatNumber } from '~/lib/time'

/**
 * A horizontal bar chart drawn on the server as SVG. Every bar carries its label and value in
 * text (never colour alone); the SVG is one image named by its title and described by a sentence
 * listing every value; the same numbers are one click away as a table.
 */

export interface Bar {
  label: string
  value: number
}

export interface BarGroup {
  /** A heading above the group's bars (e.g. a section of the draft); none for a single list. */
  label?: string
  bars: Bar[]
}

const LABEL_LINE = 18
const BAR_HEIGHT = 16
const BAR_GAP = 12
const GROUP_HEADING = 26
// Bars use at most this share of the width, leaving room for the value after them.
const BAR_SPAN = 78
const LINE_CHARS = 46

/** Splits a label into at most two lines, shortening the second one if needed. */
function labelLines(label: string): string[] {
  if (label.length <= LINE_CHARS) return [label]
  const cut = label.lastIndexOf(' ', LINE_CHARS)
  const first = label.slice(0, cut > 10 ? cut : LINE_CHARS)
  let second = label.slice(first.length).trim()
  if (second.length > LINE_CHARS) second = `${second.slice(0, LINE_CHARS - 1).trimEnd()}…`
  return [first, second]
}

export function share(value: number, total: number): number {
  return total > 0 ? Math.round((value / total) * 100) : 0
}

export function BarChart(props: {
  id: string
  title: string
  groups: BarGroup[]
  /** What shares are of; defaults to each group's sum. */
  total?: number
  /** A sentence under the title (e.g. how many answered). */
  note?: ReactNode
  /** Replaces the default table (category, count, share). */
  table?: ReactNode
  headingLevel?: 2 | 3
  /** For scores rather than counts: the scale's top (bars are drawn against it) and how a value reads; no shares are shown. */
  scale?: { max: number; format: (value: number) => string }
}) {
  const t = useT()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  const max = props.scale?.max ?? Math.max(1, ...props.groups.flatMap((g) => g.bars.map((b) => b.value)))
  const valueText = (value: number, total: number) => (props.scale ? props.scale.format(value) : `${n(value)} (${share(value, total)}%)`)
  const totalOf = (g: BarGroup) => props.total ?? g.bars.reduce((a, b) => a + b.value, 0)

  let y = 0
  const items: ReactNode[] = []
  props.groups.forEach((group, gi) => {
    if (group.label) {
      y += GROUP_HEADING
      items.push(
        <text key={`g${gi}`} x="0" y={y - 8} className="chart__group">
          {labelLines(group.label)[0]}
        </text>,
      )
    }
    const total = totalOf(group)
    group.bars.forEach((bar, bi) => {
      const lines = labelLines(bar.label)
      const labelY = y + LABEL_LINE - 4
      y += LABEL_LINE * lines.length
      const width = (bar.value / max) * BAR_SPAN
      items.push(
        <g key={`b${gi}-${bi}`}>
          <text x="0" y={labelY} className="chart__label">
            {lines.map((line, li) => (
              <tspan key={li} x="0" dy={li === 0 ? 0 : LABEL_LINE}>
                {line}
              </tspan>
            ))}
          </text>
          <rect x="0" y={y} width={`${width}%`} height={BAR_HEIGHT} rx="2" className="chart__bar" />
          <text x={`${width}%`} dx={bar.value > 0 ? 6 : 0} y={y + BAR_HEIGHT - 3} className="chart__value">
            {valueText(bar.value, total)}
          </text>
        </g>,
      )
      y += BAR_HEIGHT + BAR_GAP
    })
  })
  const height = Math.max(y, 1)

  const described = props.groups
    .map((g) => {
      const total = totalOf(g)
      const list = g.bars.map((b) => t('chart.item', { label: b.label, value: valueText(b.value, total) })).join(', ')
      return g.label ? `${g.label}: ${list}` : list
    })
    .join('; ')
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2'
  const empty = props.groups.every((g) => g.bars.length === 0)

  return (
    <figure className="chart" aria-labelledby={`${props.id}-judul`}>
      <Heading id={`${props.id}-judul`} className="chart__title">
        {props.title}
      </Heading>
      {props.note ? <p className="chart__note">{props.note}</p> : null}
      {empty ? (
        <p className="muted">{t('chart.empty')}</p>
      ) : (
        <>
          <svg
            role="img"
            aria-labelledby={`${props.id}-svg-judul`}
            aria-describedby={`${props.id}-svg-uraian`}
            className="chart__svg"
            width="100%"
            height={height}
            xmlns="http://www.w3.org/2000/svg"
          >
            <title id={`${props.id}-svg-judul`}>{props.title}</title>
            <desc id={`${props.id}-svg-uraian`}>{t('chart.desc', { title: props.title, items: described })}</desc>
            {items}
          </svg>
          <details className="chart__details">
            <summary>
              {t('chart.showTable')}
              <span className="visually-hidden">: {props.title}</span>
            </summary>
            {props.table ?? (
              <div className="table-wrap">
                <table className="chart__table">
                  <caption className="visually-hidden">{props.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('chart.category')}</th>
                      <th scope="col">{t('chart.value')}</th>
                      {props.scale ? null : <th scope="col">{t('chart.share')}</th>}
                    </tr>
                  </thead>
                  {props.groups.map((g, gi) => (
                    <tbody key={gi}>
                      {g.label ? (
                        <tr>
                          <th scope="colgroup" colSpan={props.scale ? 2 : 3}>
                            {g.label}
                          </th>
                        </tr>
                      ) : null}
                      {g.bars.map((b, bi) => (
                        <tr key={bi}>
                          <th scope="row">{b.label}</th>
                          {props.scale ? (
                            <td>{props.scale.format(b.value)}</td>
                          ) : (
                            <>
                              <td>{n(b.value)}</td>
                              <td>{share(b.value, totalOf(g))}%</td>
                            </>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  ))}
                </table>
              </div>
            )}
          </details>
        </>
      )}
    </figure>
  )
}
