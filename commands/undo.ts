import { renderRetraction } from '../src/text/recall.ts'
import { defineCommand, UsageError, UserFacingError } from '../src/core/index.ts'
import { undoLastRecord } from '../src/store/index.ts'
import { projectOf } from './arguments.ts'

export default defineCommand({
  name: 'undo',
  aliases: ['撤销'],
  description: '撤销您在本群的最后一条记录',
  usage: '/撤销',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    if (ctx.args !== '') throw new UsageError('/撤销 不带参数：它撤销您最后一条记录。')
    const retraction = ctx.sender
      ? await undoLastRecord(ctx.db, {
          projectId: projectOf(ctx).id,
          personId: ctx.sender.id,
          messageId: ctx.messageRowId,
          at: ctx.now,
        })
      : null
    const text = retraction ? renderRetraction(retraction, '已撤销：', ctx.rules.teams, ctx.today) : ''
    if (text === '') throw new UserFacingError('您在本群还没有可撤销的记录。')
    return text
  },
})
