import { defineCommand, UsageError, type CommandContext } from '../src/core/index.ts'
import type { Person } from '../src/domain/types.ts'
import { assignIssue, findPersonByWechatId, listProjectMembers, upsertPerson } from '../src/store/index.ts'
import { clip } from '../src/text/labels.ts'
import { issueNumberAndRest, projectOf, requireIssue } from './arguments.ts'

/**
 * Who "@李四" names: the contact WeChat lists as mentioned, under the name WeChat gives it; else a
 * member seen in the group under the name typed. A name is never taken from the arguments: in
 * "/assign 1 @'); DROP TABLE people;--" with 王总 mentioned, the assignee is 王总, named by WeChat.
 * Example: "/assign 3 @李四" → 李四.
 */
async function assignee(ctx: CommandContext, rest: string): Promise<Person> {
  const typedAll = [...rest.matchAll(/@([^\s\u2005@]+)/gu)].map((m) => m[1]!)
  const typed = typedAll[0] ?? rest.trim()
  if (typed === '') throw new UsageError('请 @ 负责人。')
  // WeChat lists mentions in the order typed; those of the arguments come last (a leading
  // "@张三 /assign 1 @王五" lists 张三 first; the adapter leaves the bot out). The first of the
  // arguments' is the assignee: "/assign 1 @张工 @王总" → 张工. Never the sender.
  const mentioned = ctx.message.mentionIds.filter((m) => m !== ctx.message.talker.id)
  const id = typedAll.length > 0 ? mentioned[Math.max(0, mentioned.length - typedAll.length)] : undefined
  if (id) {
    const name = await ctx.contactName(id)
    if (name) return upsertPerson(ctx.db, { wechatId: id, name }, ctx.now)
    const known = await findPersonByWechatId(ctx.db, id)
    if (known) return known
  }
  const member = (await listProjectMembers(ctx.db, projectOf(ctx).id)).find((m) => m.name === typed)
  if (member) return member
  throw new UsageError(`群里没有找到“${clip(typed, 20)}”，请用 @ 选择负责人。`)
}

export default defineCommand({
  name: 'assign',
  aliases: ['指派'],
  description: '指定问题 N 的负责人',
  usage: '/指派 编号 @负责人，例如 /指派 3 @李四',
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
