import { defineCommand, UserFacingError, type CommandContext } from '../src/core/index.ts'
import { getProjectStatus, listOpenIssues, listProjectStatuses, type StatusQuery } from '../src/reports/status.ts'
import { findPersonById, findProjectByName } from '../src/store/index.ts'
import { clip } from '../src/text/labels.ts'
import { renderProjectLine, renderProjectStatus } from '../src/text/status.ts'

/** The configured rules (SLOW_*_MONTHS among them), so /status and the digest call the same projects slow. */
const statusQuery = (ctx: CommandContext): StatusQuery => ({
  today: ctx.today,
  calendar: ctx.rules.calendar,
  timeZone: ctx.rules.timeZone,
  thresholds: ctx.rules.slowThresholds,
})

async function oneProject(ctx: CommandContext, projectId: number): Promise<string> {
  const status = await getProjectStatus(ctx.db, projectId, statusQuery(ctx))
  if (!status) throw new UserFacingError('没有这个项目。')
  const issues = await listOpenIssues(ctx.db, { projectId, today: ctx.today, calendar: ctx.rules.calendar })
  const reporterId = status.latestProgress?.reporterId
  const latestBy = reporterId ? ((await findPersonById(ctx.db, reporterId))?.name ?? null) : null
  return renderProjectStatus(status, issues, latestBy, ctx.rules.teams, ctx.today)
}

export default defineCommand({
  name: 'status',
  aliases: ['状态'],
  description: '项目概况：节点、最新进度、未办结问题；管理员私聊时为全部项目一览',
  usage: '/状态 [项目名称]',
  where: ['project', 'private'],
  who: 'anyone',
  async run(ctx) {
    const named = ctx.args.trim()
    if (named !== '') {
      const project = await findProjectByName(ctx.db, named)
      // A member hears the same whether the name exists or not: which projects exist is not theirs to learn.
      if (!ctx.isAdmin && (!project || project.id !== ctx.project?.id)) throw new UserFacingError('查看其他项目仅限管理员。')
      if (!project) throw new UserFacingError(`没有名为「${clip(named, 30)}」的项目。发 /状态 查看全部。`)
      return oneProject(ctx, project.id)
    }
    if (ctx.project) return oneProject(ctx, ctx.project.id)
    const { statuses } = await listProjectStatuses(ctx.db, statusQuery(ctx))
    if (statuses.length === 0) return '还没有项目。把我拉进名称形如“【项目】XX推进群”的群，或在群里发 /绑定 项目名称。'
    return [`全部项目（${statuses.length} 个）：`, ...statuses.map(renderProjectLine)].join('\n')
  },
})
