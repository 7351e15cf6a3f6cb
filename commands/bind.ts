import { bindByName } from '../src/bot/project-binding.ts'
import { silentLogger } from '../src/bot/logger.ts'
import { UsageError, UserFacingError } from '../src/bot/errors.ts'
import { defineCommand } from './define-command.ts'

export default defineCommand({
  name: 'bind',
  aliases: ['绑定'],
  description: '把本群绑定到项目（管理员、群主）',
  usage: '/bind 项目名称，例如 /bind 年产10万吨新材料',
  adminOnly: 'or-group-owner',
  place: 'anywhere',
  async run(ctx) {
    const room = ctx.message.room
    if (!room) throw new UserFacingError('/bind 请在要绑定的群里使用。')
    if (ctx.project) throw new UserFacingError(`本群已绑定项目「${ctx.project.name}」。如需更换，请先 /unbind。`)
    const name = ctx.args.trim()
    if (name === '' || name.length > 60) throw new UsageError('请写项目名称（60 字以内）。')
    const project = await bindByName(ctx.db, name, room, ctx.now, silentLogger)
    if (!project) throw new UserFacingError(`项目「${name}」已绑定在另一个群，请先在那个群里 /unbind。`)
    return `已绑定项目「${project.name}」。从现在起我会记录本群的进度和问题；发 /help 查看命令。`
  },
})
