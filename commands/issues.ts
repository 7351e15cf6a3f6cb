import { defineCommand, UsageError } from '../src/core/index.ts'
import type { OpenIssue } from '../src/domain/types.ts'
import { listOpenIssues } from '../src/reports/status.ts'
import { listRecentlyResolved } from '../src/store/index.ts'
import { renderClosedIssue, renderOpenIssue } from '../src/text/issues.ts'

/** `/issues all` also lists this many of the latest closed issues. */
const CLOSED_LIMIT = 10

export default defineCommand({
  name: 'issues',
  aliases: ['问题'],
  description: '未办结问题：编号、专班、提出人、已过工作日、期限、逾期标记；all 另列最近办结的',
  usage: '/问题 [all]',
  where: ['project', 'private'],
  who: 'anyone',
  async run(ctx) {
    const all = ['all', '全部'].includes(ctx.args.toLowerCase())
    if (ctx.args !== '' && !all) throw new UsageError()
    const query = { today: ctx.today, calendar: ctx.rules.calendar }
    if (ctx.project) {
      const open = await listOpenIssues(ctx.db, { ...query, projectId: ctx.project.id })
      const lines = [`「${ctx.project.name}」未办结问题：`, ...(open.length > 0 ? open.map((i) => renderOpenIssue(i, ctx.rules.teams, ctx.today)) : ['暂无 🎉'])]
      if (all) {
        const closed = await listRecentlyResolved(ctx.db, ctx.project.id, CLOSED_LIMIT)
        if (closed.length > 0) lines.push('最近办结：', ...closed.map((i) => renderClosedIssue(i, ctx.rules.teams, ctx.today)))
      }
      return lines.join('\n')
    }
    // An admin in private chat: every project's open issues, grouped by project, most urgent first.
    const open = await listOpenIssues(ctx.db, query)
    if (open.length === 0) return '全部项目都没有未办结问题 🎉'
    const byProject = new Map<string, OpenIssue[]>()
    for (const i of open) byProject.set(i.projectName, [...(byProject.get(i.projectName) ?? []), i])
    const sections = [...byProject].map(([name, issues]) => [`「${name}」`, ...issues.map((i) => renderOpenIssue(i, ctx.rules.teams, ctx.today))].join('\n'))
    return [`全部未办结问题（${open.length} 个）：`, ...sections].join('\n\n')
  },
})
