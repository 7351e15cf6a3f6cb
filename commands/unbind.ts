import { defineCommand, UsageError } from '../src/core/index.ts'
import { unbindProjectRoom } from '../src/store/index.ts'
import { projectOf } from './arguments.ts'

export default defineCommand({
  name: 'unbind',
  aliases: ['解绑'],
  description: '解除本群与项目的绑定，历史记录保留',
  usage: '/解绑',
  where: ['project'],
  who: 'admin-or-owner',
  async run(ctx) {
    if (ctx.args !== '') throw new UsageError('/解绑 不带参数。')
    const project = projectOf(ctx)
    await unbindProjectRoom(ctx.db, project.id)
    return `已解除与项目「${project.name}」的绑定，不再记录本群消息；历史记录保留。重新绑定：/绑定 ${project.name}`
  },
})
