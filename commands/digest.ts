import { defineCommand, UsageError, UserFacingError } from '../src/core/index.ts'
import { buildDigest } from '../src/reports/digest.ts'

export default defineCommand({
  name: 'digest',
  aliases: ['简报'],
  description: '今日督办日报（群里只在简报接收群）',
  usage: '/简报',
  where: ['private', 'unbound', 'project'],
  who: 'admin',
  async run(ctx) {
    if (ctx.args.trim() !== '') throw new UsageError()
    // In a group, only where the digest goes anyway: a project group's members are not its readers.
    if (ctx.message.room && !ctx.rules.digestRecipients.includes(ctx.message.room.topic)) {
      throw new UserFacingError('督办日报只在私聊或简报接收群（DIGEST_RECIPIENTS）里发送。')
    }
    // The outbox sends a long digest in numbered parts, a section kept whole where it fits.
    return (await buildDigest(ctx.db, ctx.today, ctx.rules)).text
  },
})
