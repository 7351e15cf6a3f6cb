import { clip, COLOUR_MARK, COLOUR_NAMES, dateText, PROVISIONAL_MARK } from '../text/labels.ts'
import { html, type Html } from './html.ts'
import { layout, type PageContext } from './layout.ts'
import { CLOSED_WORKING_DAYS, type TeamModel } from './team-model.ts'
import { COLOUR_LEGEND } from './words.ts'

/** 专班: one team's open issues across every project by due date, with its liaison, and what it closed lately. */
export function teamPage(ctx: PageContext, m: TeamModel): Html {
  // "其中严重超期 1 个、超期 2 个": the coloured ones, the most urgent first.
  const coloured = (['red', 'yellow', 'blue'] as const)
    .map((k) => [k, m.open.filter((i) => i.colour === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${COLOUR_NAMES[k]} ${n} 个`)
  const body = html`<p class="crumbs"><a href="${ctx.base}">总览</a> › 专班</p>
<h1>${m.team.name}</h1>
<p class="summary">联络员：${m.team.liaisons.length > 0 ? m.team.liaisons.join('、') : '未设置'}</p>

<section>
<h2>未办结问题 ${m.open.length} 个${coloured.length > 0 ? `，其中${coloured.join('、')}` : ''}（按到期日）</h2>
${
  m.open.length === 0
    ? html`<p class="empty">没有未办结的问题。</p>`
    : html`<p class="legend">${COLOUR_LEGEND}</p>
<ol class="team-issues">${m.open.map(
        (i) =>
          html`<li class="${i.colour}"><span class="due">${COLOUR_MARK[i.colour]} ${i.dueOn ? `${dateText(i.dueOn, m.today)}到期` : '未定期限'}${i.overdueWorkingDays > 0 ? `，超期 ${i.overdueWorkingDays} 个工作日` : ''}${i.provisional ? `（${PROVISIONAL_MARK}）` : ''}</span>
<a href="${ctx.base}/p/${i.projectId}#issue-${i.number}">${i.projectName} #${i.number}</a> ${clip(i.summary, 60)}
<small>已 ${i.ageWorkingDays} 个工作日${i.assignee ? ` · 负责：${i.assignee.name}` : ''}${i.status === 'reopened' ? ' · 已重开' : ''}</small></li>`,
      )}</ol>`
}
</section>

<section>
<h2>近 ${CLOSED_WORKING_DAYS} 个工作日办结 ${m.closed.length} 个（${dateText(m.since, m.today)}起）</h2>
${
  m.closed.length === 0
    ? html`<p class="empty">这段时间没有办结的问题。</p>`
    : html`<ol class="team-issues">${m.closed.map(
        (i) =>
          html`<li class="closed"><span class="due">✅ ${i.resolvedOn ? `${dateText(i.resolvedOn, m.today)}办结` : '已办结'}</span>
<a href="${ctx.base}/p/${i.projectId}#issue-${i.number}">${i.projectName} #${i.number}</a> ${clip(i.summary, 60)}
<small>${i.resolvedByName ? `办结人：${i.resolvedByName}` : ''}${i.resolutionText ? ` · ${clip(i.resolutionText, 40)}` : ''}</small></li>`,
      )}</ol>`
}
</section>

<nav class="teams" aria-label="其他专班">${m.others.map((t) => html`<a href="${ctx.base}/team/${t.category}">${t.name}</a>`)}</nav>`
  return layout(ctx, { title: m.team.name, body, today: m.today })
}
