import { daysBetween, type LocalDate } from '../calendar/local-date.ts'
import { html, type Html } from './html.ts'
import { dateText } from '../text/labels.ts'

// Charts as inline SVG drawn on the server: no script, no style attribute (the CSP forbids both),
// colours from the stylesheet's classes. The view boxes are about a phone's width, so that text in
// them stays readable there; wider screens scale them up to the stylesheet's limit.

const W = 360
const n = (v: number) => Math.round(v * 10) / 10

/** x on [left, right] for dates from `from` to `to`; the middle when they are the same day. */
function timeScale(from: LocalDate, to: LocalDate, left: number, right: number): (d: LocalDate) => number {
  const span = daysBetween(from, to)
  return (d) => n(span <= 0 ? (left + right) / 2 : left + (daysBetween(from, d) / span) * (right - left))
}

/** Progress over time: the percentages reported, from the first to today, on a 0–100% scale. */
export function percentChart(points: readonly { on: LocalDate; percent: number }[], today: LocalDate): Html {
  const [H, L, R, T, B] = [180, 38, 12, 10, 26]
  const from = points[0]!.on
  const last = points[points.length - 1]!.on
  const to = last > today ? last : today
  const x = timeScale(from, to, L, W - R)
  const y = (p: number) => n(T + (1 - Math.min(100, Math.max(0, p)) / 100) * (H - T - B))
  const described = points.map((p) => `${dateText(p.on, today)} ${p.percent}%`).join('，')
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="进度曲线：${described}">
${[0, 50, 100].map((v) => html`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${L - 5}" y="${y(v) + 4}" text-anchor="end">${v}%</text>`)}
<text class="tick" x="${L}" y="${H - 6}">${dateText(from, today)}</text><text class="tick" x="${W - R}" y="${H - 6}" text-anchor="end">${dateText(to, today)}</text>
<polyline class="line" points="${points.map((p) => `${x(p.on)},${y(p.percent)}`).join(' ')}"/>
${points.map((p) => html`<circle class="dot" cx="${x(p.on)}" cy="${y(p.percent)}" r="3.5"><title>${dateText(p.on, today)} ${p.percent}%</title></circle>`)}
</svg>`
}

/**
 * The stages on a time axis, from the first recorded to today (or the current stage's limit when
 * that lies ahead), with today and the limit marked. Null before any stage is recorded.
 */
export function stageTimeline(
  steps: readonly { name: string; on: LocalDate | null }[],
  limit: { on: LocalDate; passed: boolean } | null,
  today: LocalDate,
): Html | null {
  const reached = steps.filter((s): s is { name: string; on: LocalDate } => s.on !== null)
  if (reached.length === 0) return null
  const [H, AXIS, PAD] = [112, 52, 22]
  // Stages are drawn where their dates fall, even when a correction put one before the stage ahead of it.
  const dates = [...reached.map((s) => s.on), today, ...(limit ? [limit.on] : [])].sort()
  const x = timeScale(dates[0]!, dates[dates.length - 1]!, PAD, W - PAD)
  // Labels of stages close in time alternate between two rows rather than overprint each other.
  let lastX = -Infinity
  let row = 0
  const marks = [...reached].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map((s) => {
    const at = x(s.on)
    row = at - lastX < 52 ? 1 - row : 0
    lastX = at
    // Near an edge a label runs inwards instead of off the picture.
    const anchor = at < 60 ? 'start' : at > W - 60 ? 'end' : 'middle'
    const labelX = anchor === 'start' ? at - 6 : anchor === 'end' ? at + 6 : at
    return html`<circle class="stage" cx="${at}" cy="${AXIS}" r="5"/><text class="name" x="${labelX}" y="${row === 0 ? 34 : 18}" text-anchor="${anchor}">${s.name}</text><text class="tick" x="${labelX}" y="${row === 0 ? 72 : 88}" text-anchor="${anchor}">${dateText(s.on, today)}</text>`
  })
  const todayX = x(today)
  const limitX = limit ? x(limit.on) : null
  // "时限" moves aside when it would sit on "今天".
  const limitLabelX = limitX === null ? null : Math.abs(limitX - todayX) < 30 ? todayX + (limitX >= todayX ? 30 : -30) : limitX
  return html`<svg class="chart timeline" viewBox="0 0 ${W} ${H}" role="img" aria-label="节点时间线：${reached.map((s) => `${s.name} ${dateText(s.on, today)}`).join('，')}">
<line class="axis" x1="${PAD}" x2="${W - PAD}" y1="${AXIS}" y2="${AXIS}"/>
${
  limitX === null || limitLabelX === null
    ? ''
    : html`<line class="${limit?.passed ? 'limit passed' : 'limit'}" x1="${limitX}" x2="${limitX}" y1="${AXIS - 12}" y2="${AXIS + 12}"/><text class="${limit?.passed ? 'tick passed' : 'tick'}" x="${limitLabelX}" y="${H - 4}" text-anchor="middle">时限</text>`
}
<line class="today" x1="${todayX}" x2="${todayX}" y1="${AXIS - 12}" y2="${AXIS + 12}"/><text class="tick" x="${todayX}" y="${H - 4}" text-anchor="middle">今天</text>
${marks}
</svg>`
}
