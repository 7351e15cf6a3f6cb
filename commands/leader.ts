import { defineCommand, type CommandContext } from '../src/core/index.ts'
import { getProjectLeader, listProjectMembers, setProjectLeader, type ProjectLeader } from '../src/store/index.ts'
import { renderLeaderSet } from '../src/text/escalation.ts'
import { clip } from '../src/text/labels.ts'
import { projectOf } from './arguments.ts'

/**
 * Who "/挂点 王副区长" names: the contact @mentioned, under the name WeChat gives it; else a member
 * seen in the group under the name typed, with their WeChat id; else the name alone, looked up in
 * WeChat when an issue is escalated. Example: "/挂点 @王副区长" → 王副区长 (wxid_…).
 */
async function leaderNamed(ctx: CommandContext, typed: string): Promise<ProjectLeader> {
  const id = typed.includes('@') ? ctx.message.mentionIds.filter((m) => m !== ctx.message.talker.id).at(-1) : undefined
  if (id) {
    const name = await ctx.contactName(id)
    if (name) return { name, wechatId: id }
  }
  const name = typed.replace(/^@/u, '').replace(/[\s\u2005]+$/u, '')
  const member = (await listProjectMembers(ctx.db, projectOf(ctx).id)).find((m) => m.name === name)
  return { name: member?.name ?? name, wechatId: member?.wechatId ?? null }
}

export default defineCommand({
  name: 'leader',
  aliases: ['挂点'],
  description: '设定本项目的挂点领导：问题严重超期时私聊提级给他（管理员）；不带参数查看',
  usage: '/挂点 姓名（或 @领导），例如 /挂点 王副区长',
  where: ['project'],
  who: 'admin',
  async run(ctx) {
    const project = projectOf(ctx)
    const typed = ctx.args.trim()
    if (typed === '') {
      const leader = await getProjectLeader(ctx.db, project.id)
      return leader ? `「${project.name}」的挂点领导：${leader.name}。` : `「${project.name}」尚未设定挂点领导。管理员可发 /挂点 姓名（或 @领导）。`
    }
    const leader = await leaderNamed(ctx, typed)
    if (leader.name === '' || Array.from(leader.name).length > 20) return `请写挂点领导的姓名或 @ 他（不超过 20 个字），例如 /挂点 王副区长；收到的是“${clip(typed, 20)}”。`
    await setProjectLeader(ctx.db, project.id, leader, ctx.sender?.id ?? null, ctx.now)
    return renderLeaderSet(project.name, leader.name, leader.wechatId !== null)
  },
})
