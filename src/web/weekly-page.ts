import type { LocalDate } from '../calendar/local-date.ts'
import { PACE_DAYS, type StageGap, type Weekly } from '../domain/weekly.ts'
import { shortDate, STAGE_NAMES } from '../text/labels.ts'
import { daysText, paceText, shareText } from '../text/weekly.ts'
import { html, type Html } from './html.ts'
import { layout, type PageContext } from './layout.ts'

/** "中位 45 天（3 个项目）", or none in the window. */
function gapText(gap: StageGap): string {
  return gap.medianDays === null ? `近 ${PACE_DAYS} 天无项目` : `中位 ${daysText(gap.medianDays)} 天（${gap.projects} 个项目）`
}

/**
 * 周通报: the Monday 通报 of the week before, as the recipients got it — the teams ranked slowest
 * first (red when any issue is overdue), the stages reached, the speeds and the city's pace, the
 * slow projects.
 */
export function weeklyPage(ctx: PageContext, w: Weekly, today: LocalDate): Html {
  const body = html`<p class="crumbs"><a href="${ctx.base}">总览</a> › 周通报</p>
<h1>周通报（${shortDate(w.since)}至${shortDate(w.until)}）</h1>

<section>
<h2>各专班办理情况（超期多、按期办结率低的排在前面）</h2>
${
  w.teams.length === 0
    ? html`<p class="empty">本周各专班无收到、办结和未办结的问题。</p>`
    : html`<ol class="team-issues">${w.teams.map(
        (t, k) =>
          html`<li class="${t.overdue > 0 ? 'red' : ''}"><span class="due">${k + 1}. <a href="${ctx.base}/team/${t.category}">${t.name}</a></span>
收到 ${t.received} · 办结 ${t.closed} · 按期 ${t.closedInTime}（${shareText(t.inTimeShare)}）${t.medianWorkingDays !== null ? ` · 中位 ${daysText(t.medianWorkingDays)} 个工作日` : ''}
<small>未办结 ${t.open}，其中超期 ${t.overdue}</small></li>`,
      )}</ol>`
}
</section>

<section>
<h2>节点推进</h2>
${
  w.steps.length === 0
    ? html`<p class="empty">本周没有项目到达供地、动工、竣工或投产节点。</p>`
    : html`<ul>${w.steps.map((s) => html`<li>${s.projectName} ${STAGE_NAMES[s.stage]}（${shortDate(s.on)}）</li>`)}</ul>`
}
<p class="summary">签约→供地：${gapText(w.signedToLand)}；供地→动工：${gapText(w.landToConstruction)}</p>
<p class="summary">${paceText(w.landsInPace)}</p>
</section>

<section>
<h2>进展缓慢项目 ${w.slow.length} 个</h2>
${
  w.slow.length === 0
    ? html`<p class="empty">没有进展缓慢的项目。</p>`
    : html`<ul>${w.slow.map((s) => html`<li>${s.projectName}：${STAGE_NAMES[s.stage]}已 ${s.monthsIn} 个月（时限 ${s.limitMonths} 个月）</li>`)}</ul>`
}
</section>`
  return layout(ctx, { title: '周通报', body, today })
}
