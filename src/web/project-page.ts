import { COLOUR_MARK, dateText, PROVISIONAL_MARK, STAGE_NAMES } from '../text/labels.ts'
import { percentChart, stageTimeline } from './charts.ts'
import { html, type Html } from './html.ts'
import { layout, type PageContext } from './layout.ts'
import type { EventView, IssueView, PhotoView, ProjectModel } from './project-model.ts'
import { COLOUR_LEGEND } from './words.ts'

/** 项目: the stage timeline, progress over time, and every issue with what happened to it. */
export function projectPage(ctx: PageContext, m: ProjectModel): Html {
  const c = m.current
  const colours = (['red', 'yellow', 'blue', 'green'] as const).filter((k) => m.issueCounts[k] > 0)
  const body = html`<p class="crumbs"><a href="${ctx.base}">总览</a> › 项目</p>
<h1>${m.name}${c?.slow ? html`<b class="flag">慢</b>` : ''}</h1>
<p class="summary">${
    c
      ? html`${STAGE_NAMES[c.stage]}已 <b>${c.monthsIn}</b> 个月${c.limitMonths === null ? '' : `（时限 ${c.limitMonths} 个月，至 ${dateText(c.limitOn!, m.today)}）`}`
      : '尚未记录签约'
  } · 未办结问题 ${colours.length === 0 ? '无' : colours.map((k) => `${COLOUR_MARK[k]}${m.issueCounts[k]}`).join(' ')}</p>

<section>
<h2>节点</h2>
${stageTimeline(m.stages, c?.limitOn ? { on: c.limitOn, passed: c.slow } : null, m.today) ?? ''}
<ol class="stages">${m.stages.map(
    (s) =>
      html`<li class="${s.on === null ? '' : s.current ? 'y c' : 'y'}">${s.name} ${s.on === null ? html`<small>未到</small>` : html`<b>${dateText(s.on, m.today)}</b>`}${s.monthsFromPrevious === null ? '' : html` <small>距上一节点 ${s.monthsFromPrevious} 个月</small>`}</li>`,
  )}</ol>
</section>

${
  m.photos.length > 0
    ? html`<section>
<h2>现场照片</h2>
${gallery(ctx, m.photos)}
</section>

`
    : ''
}<section>
<h2>进度</h2>
${m.percents.length > 0 ? percentChart(m.percents, m.today) : html`<p class="empty">还没有写明百分比的进度。</p>`}
${
  m.progress.length === 0
    ? html`<p class="empty">还没有进度记录。</p>`
    : html`<ul class="progress">${m.progress.map(
        (p) =>
          html`<li><small>${p.at}</small> ${p.percent === null ? '' : html`<b>${p.percent}%</b> `}${p.stage ? html`<b>${p.stage}</b> ` : ''}${p.summary}${p.reporterName ? html` <small>— ${p.reporterName}</small>` : ''}</li>`,
      )}</ul>`
}
</section>

<section>
<h2>问题</h2>
${colours.length > 0 ? html`<p class="legend">${COLOUR_LEGEND}</p>
` : ''}${m.issues.length === 0 ? html`<p class="empty">没有登记过问题。</p>` : m.issues.map((i) => issue(ctx, i, m.today))}
</section>`
  return layout(ctx, { title: m.name, body, today: m.today })
}

function issue(ctx: PageContext, i: IssueView, today: string): Html {
  const facts = [
    i.reporterName ? `${i.reporterName}提出` : '',
    i.dueOn ? `${dateText(i.dueOn, today)}到期${i.overdueWorkingDays > 0 ? `，超期 ${i.overdueWorkingDays} 个工作日` : ''}` : '未定期限',
    i.ageWorkingDays !== null ? `已 ${i.ageWorkingDays} 个工作日` : '',
    i.provisional ? PROVISIONAL_MARK : '',
    i.assigneeName ? `负责：${i.assigneeName}` : '',
  ].filter((f) => f !== '')
  return html`<article class="${['issue', i.colour ?? (i.retracted ? 'gone' : 'closed')].join(' ')}" id="issue-${i.number}">
<h3>${i.colour ? `${COLOUR_MARK[i.colour]} ` : ''}#${i.number} ${i.teamName} <span class="state">${i.state}</span></h3>
<p class="what">${i.summary}</p>
<p class="meta">${facts.join(' · ')}</p>
<ol class="events">${i.events.map(event)}</ol>
${i.photos.length > 0 ? html`<p class="meta">照片 ${i.photos.length} 张</p>${gallery(ctx, i.photos)}` : ''}
</article>`
}

/** Photos as small tiles, each a link to the picture itself, with when and by whom. */
function gallery(ctx: PageContext, photos: readonly PhotoView[]): Html {
  return html`<ul class="photos">${photos.map(
    (p) => html`<li><a href="${ctx.base}/photo/${p.sha256}"><img src="${ctx.base}/photo/${p.sha256}" alt="现场照片 ${p.at}" loading="lazy"></a><small>${p.at}${p.by ? ` ${p.by}` : ''}</small></li>`,
  )}</ul>`
}

function event(e: EventView): Html {
  return html`<li><span class="ev">${e.name}</span> <small>${e.at}</small>${e.who ? ` ${e.who}` : ''}${e.detail ? html` · ${e.detail}` : ''}${
    e.message
      ? html`<blockquote>${e.message.text === null ? html`<i>（原消息已在微信中撤回）</i>` : html`${e.message.text}${e.message.cut ? html`<i>（节选）</i>` : ''}`}<cite>${e.message.senderName} · ${e.message.at} 群消息</cite></blockquote>`
      : html` <small>（无对应的群消息，如私聊命令）</small>`
  }</li>`
}
