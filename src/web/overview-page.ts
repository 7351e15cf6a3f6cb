import type { LocalDate } from '../calendar/local-date.ts'
import type { ColourCounts } from '../domain/sla.ts'
import { STAGES } from '../parse/types.ts'
import { clip, COLOUR_MARK, PROVISIONAL_MARK, STAGE_NAMES } from '../text/labels.ts'
import { html, type Html } from './html.ts'
import { layout, type PageContext } from './layout.ts'
import { SORTS, type OverviewFilters, type OverviewModel, type OverviewRow, type OverviewSort, type StageChip, type TeamCount } from './overview-model.ts'
import { ageText, chipDate, COLOUR_LEGEND, stageAgeText } from './words.ts'

/**
 * How much of the latest progress a card shows: a sentence as people report it ("厂房主体结构已完成60%，
 * 预计5月底封顶" is 19), two lines on a phone; longer reports end in "…" and are read on the project
 * page. Not more: a city's thousand cards stay near the page-size budget (300 KB).
 */
const PROGRESS_CHARS = 24

/** 总览: every project on one page, a card on a phone and a row on a wide screen. */
export function overviewPage(ctx: PageContext, m: OverviewModel): Html {
  const filtered = m.filters.stage !== null || m.filters.team !== null
  const body = html`<h1>总览</h1>
<p class="summary">${filtered ? html`筛选出 <b>${m.rows.length}</b> 个项目（共 ${m.total} 个）` : html`项目 <b>${m.total}</b> 个`} · 进展缓慢 <b>${m.slow}</b> 个 · 未办结问题 ${counts(m.issues)}${
    m.provisionalYears.length > 0 ? ` · ${COLOUR_MARK.red}${COLOUR_MARK.yellow}${COLOUR_MARK.blue}为${PROVISIONAL_MARK}：${m.provisionalYears.join('、')} 年放假安排尚未导入，按法定节假日推算` : ''
  }</p>
<p class="legend">${COLOUR_LEGEND}</p>
<p class="rule">进展慢（标“慢”）：${m.slowRule}</p>
<nav class="teams" aria-label="专班">${m.teams.map(
    (t) => html`<a href="${ctx.base}/team/${t.category}">${t.name}<small>${marks(t.issues, ['red', 'yellow', 'blue']).map((m) => `${m} `)}未办结 ${t.open}</small></a>`,
  )}</nav>
${filterForm(ctx, m.filters, m.teams)}
<p class="sorts">排序：${(Object.keys(SORTS) as OverviewSort[]).map((s) =>
    s === m.filters.sort ? html`<b>${SORTS[s]}</b>` : html`<a href="${ctx.base}${query({ ...m.filters, sort: s })}">${SORTS[s]}</a>`,
  )}</p>
${
  m.rows.length === 0
    ? html`<p class="empty">${m.total === 0 ? '还没有项目：把督办助手拉进名称形如“【项目】XX推进群”的群，群里说话后项目就会出现在这里。' : '没有符合条件的项目。'}</p>`
    : html`<div class="head" aria-hidden="true"><span>项目</span><span>节点</span><span>节点历时</span><span>最新进度</span><span>未办结问题${m.filters.team ? '（本专班）' : ''}</span></div>
<ol class="board">
${m.rows.map((r) => row(ctx, r, m.today))}</ol>`
}`
  return layout(ctx, { title: '总览', body, today: m.today })
}

/**
 * One project: a card on a phone, a row on a wide screen. Its three paragraphs are, in order, the
 * months in the stage, the latest progress and the open issues (the stylesheet knows them by
 * position). End tags the HTML parser supplies by itself (li, p) are left out, and attributes of
 * one fixed word go unquoted: a city's thousand projects stay under the page-size budget (300 KB).
 * For the same reason the stage chips carry a class only where their place does not tell (see
 * chipClass), and a chip's date follows its name after a line break.
 */
function row(ctx: PageContext, r: OverviewRow, today: LocalDate): Html {
  return html`<li${r.slow ? html` class=s` : ''}><a href="${ctx.base}/p/${r.id}">${r.name}</a><ol>${r.chips.map((c, i) =>
    html`<li${chipClass(r.chips, i)}>${c.name}${c.on === null ? '' : html`<br>${chipDate(c.on, today)}`}`,
  )}</ol><p>${r.current ? stageAgeText(r.current.stage, r.current.monthsIn) : '未签约'}${r.slow ? html`<em>慢</em>` : ''}<p>${
    r.progress
      ? html`${r.progress.percent === null ? '' : html`<progress value=${r.progress.percent / 100}></progress>${r.progress.percent}% `}${clip(r.progress.summary, PROGRESS_CHARS)} <i>${ageText(r.progress.daysAgo)}</i>`
      : html`<i>尚无进度</i>`
  }<p>${counts(r.issues)}
`
}

/**
 * A chip's class, only where the stylesheet cannot tell from its place: the current stage is "c";
 * a chip before it is reached and one after it is not, unless marked "n" (not reached: 供地 skipped
 * on the way to 动工, or every chip of a project not yet signed). 签约 2.6 · 供地 · 动工 1.22 (current)
 * · 竣工 · 投产 is `<li>签约<br>2.6<li class=n>供地<li class=c>动工<br>1.22<li>竣工<li>投产`.
 */
function chipClass(chips: readonly StageChip[], i: number): Html | '' {
  const current = chips.findIndex((c) => c.current)
  if (i === current) return html` class=c`
  return chips[i]!.on === null && (current === -1 || i < current) ? html` class=n` : ''
}

/** "🔴3 🟡1 🟢2", or 无. */
function counts(c: ColourCounts): string {
  const shown = marks(c, ['red', 'yellow', 'blue', 'green'])
  return shown.length > 0 ? shown.join(' ') : '无'
}

/** Each colour asked for that has issues, as its mark and count: "🔴3". */
function marks(c: ColourCounts, colours: readonly (keyof ColourCounts)[]): string[] {
  return colours.filter((k) => c[k] > 0).map((k) => `${COLOUR_MARK[k]}${c[k]}`)
}

function filterForm(ctx: PageContext, f: OverviewFilters, teams: readonly TeamCount[]): Html {
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? ' selected' : ''}>${label}</option>`
  return html`<form class="filters" method="get" action="${ctx.base}">
<label>节点 <select name="stage">${option('', '全部', f.stage === null)}${STAGES.map((s) => option(s, STAGE_NAMES[s], f.stage === s))}${option('none', '未签约', f.stage === 'none')}</select></label>
<label>专班 <select name="team">${option('', '全部', f.team === null)}${teams.map((t) => option(t.category, t.name, f.team === t.category))}</select></label>
<input type="hidden" name="sort" value="${f.sort}">
<button type="submit">筛选</button>
</form>`
}

/** The query of an overview link: only what differs from the default. */
function query(f: OverviewFilters): string {
  const params = new URLSearchParams()
  if (f.stage !== null) params.set('stage', f.stage)
  if (f.team !== null) params.set('team', f.team)
  if (f.sort !== 'urgency') params.set('sort', f.sort)
  const q = params.toString()
  return q === '' ? '' : `?${q}`
}
