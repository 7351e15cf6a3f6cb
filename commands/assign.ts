import { defineCommand, UsageError, type CommandContext } from '../src/bot/index.ts'
import type { Person } from '../src/domain/types.ts'
import { assignIssue, listProjectMembers, upsertPerson } from '../src/store/index.ts'
import { issueNumberAndRest, projectOf, requireIssue } from './arguments.ts'

/**
 * Who "@李四" names: a member seen in the group by that name, or else the contact WeChat listed as
 * mentioned (a member who never spoke yet), stored under the typed name.
 * Example: "/assign 3 @李四" → 李四.
 */
async function assignee(ctx: CommandContext, rest: string): Promise<Person> {
  const name = /@([^\s\u2005@]+)/u.exec(rest)?.[1] ?? rest.trim()
  if (name === '') throw new UsageError('请 @ 负责人。')
  const members = await listProjectMembers(ctx.db, projectOf(ctx).id)
  const member = members.find((m) => m.name === name)
  if (member) return member
  // The person named after the number comes last (the adapter leaves the bot out); never the sender.
  const id = ctx.message.mentionIds.filter((m) => m !== ctx.message.talker.id).at(-1)
  if (!id || !rest.includes('@')) throw new UsageError(`群里没有找到“${name}”，请用 @ 选择负责人。`)
  return upsertPerson(ctx.db, { wechatId: id, name }, ctx.now)
}

export default defineCommand({
  name: 'assign',
  aliases: ['指派'],
  description: '指定问题 N 的负责人',
  usage: '/assign 编号 @负责人，例如 /assign 3 @李四',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    const { number, rest } = issueNumberAndRest(ctx.args)
    const issue = await requireIssue(ctx, number)
    const person = await assignee(ctx, rest)
    await assignIssue(ctx.db, {
      issueId: issue.id,
      assigneeId: person.id,
      actorId: ctx.sender?.id ?? null,
      messageId: ctx.messageRowId,
      at: ctx.now,
    })
    return { text: `问题 #${number} 由 ${person.name} 负责。`, issueId: issue.id }
  },
})
