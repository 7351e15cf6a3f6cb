import { defineCommand, UsageError } from '../src/core/index.ts'
import { setProjectMuted } from '../src/store/index.ts'
import { projectOf } from './arguments.ts'

export default defineCommand({
  name: 'quiet',
  aliases: ['静音'],
  description: '开：不再逐条回复记录确认和提醒；关：恢复',
  usage: '/静音 开 或 /静音 关（也可写 on / off）',
  where: ['project'],
  who: 'anyone',
  async run(ctx) {
    const word = ctx.args.toLowerCase()
    // "/静音 开" turns quiet on, "/静音 关" off.
    const on = ['on', '开', '开启', '是'].includes(word) ? true : ['off', '关', '关闭', '否'].includes(word) ? false : undefined
    if (on === undefined) throw new UsageError()
    const project = projectOf(ctx)
    await setProjectMuted(ctx.db, project.id, on)
    return on
      ? '已静音：记录照常，但不再逐条回复确认，也不发进度提醒。办结、撤回和命令仍会回复。'
      : '已取消静音：记录后会回复确认。'
  },
})
