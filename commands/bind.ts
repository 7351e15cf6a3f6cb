import { defineCommand, UsageError, UserFacingError } from '../src/core/index.ts'
import { bindRoomByProjectName, findProjectByName } from '../src/store/index.ts'

export default defineCommand({
  name: 'bind',
  aliases: ['绑定'],
  description: '把本群绑定到项目',
  usage: '/绑定 项目名称，例如 /绑定 年产10万吨新材料',
  where: ['unbound', 'project'],
  who: 'admin-or-owner',
  async run(ctx) {
    const room = ctx.message.room
    if (!room) throw new UserFacingError('/绑定 请在要绑定的群里使用。')
    if (ctx.project) throw new UserFacingError(`本群已绑定项目「${ctx.project.name}」。如需更换，请先 /解绑。`)
    const name = ctx.args.trim()
    // Control and format characters (a newline, U+202E that turns text right to left, zero-width
    // spaces) would make a name that reads as another, or as nothing: "/bind 甲\u202E乙", "/bind \u200B".
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) {
      throw new UsageError('项目名称不能含换行、控制字符或看不见的字符（如零宽空格、文字方向控制符），请只写项目名称。')
    }
    if (name === '' || name.length > 60) throw new UsageError('请写项目名称（60 字以内）。')
    // Any group owner could otherwise take a project's reminders and issue lists into a group of their own.
    if (!ctx.isAdmin && (await findProjectByName(ctx.db, name))) {
      throw new UserFacingError(`项目「${name}」已存在，绑定到已有项目请由管理员操作。`)
    }
    const bound = await bindRoomByProjectName(ctx.db, name, room, ctx.now, ctx.isAdmin ? 'admin' : 'owner')
    if (!bound) throw new UserFacingError(`项目「${name}」已绑定在另一个群，请先在那个群里 /解绑。`)
    return `已绑定项目「${bound.project.name}」。从现在起我会记录本群的进度和问题；发 /帮助 查看命令。`
  },
})
