import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'
import { expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { appOptions, createApp } from '../../src/app.ts'
import { CONSOLE_OWNER, runConsole } from '../../src/wechat/console.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { migrateToLatest, openDatabase } from '../../src/store/index.ts'
import { waitFor } from './harness.ts'

/**
 * A busy morning in one project group, typed into the console as fast as it reads: 40 messages,
 * of which 11 plain progress, 5 new problems, 1 problem raised again, 2 solved, 1 stage reached,
 * 1 question to the bot, 2 commands and 17 lines of chatter. The README's walkthrough promises at
 * most one reply for each problem (new or again), close, stage, question and command: 12.
 */
const BURST = [
  ':as 张三',
  '各位早，今天继续推进',
  '厂房主体结构已完成60%，预计5月底封顶',
  '收到',
  '施工用电还没接入，供电局说要等电力设施迁改',
  '好的',
  '钢结构吊装完成一半',
  ':as 李四',
  '环评批复还没下来，影响开工手续',
  '👍',
  '二期桩基施工完成80%',
  '明天上午9点开调度会，请各项目负责人参加',
  '收到',
  '设备基础浇筑完成40%',
  ':as 王五',
  '固定资产贷款1.5亿元还卡在银行审批',
  '好的，我跟银行再对接一下',
  '外墙保温施工完成三成',
  '收到',
  '今天正式开工了',
  '辛苦了',
  '钢结构焊工缺口约20人，施工单位招不到人',
  '室外管网铺设完成一半',
  ':as 张三',
  '厂区东侧道路还没修通，大车进不来',
  '收到，马上协调',
  '办公楼主体完成70%',
  '@督办助手 审批进展怎么样了？',
  '好的',
  '供电接入已解决，今天上午送电',
  '谢谢供电局',
  '仓库屋面完成一半',
  '幕墙龙骨安装完成五成',
  ':as 李四',
  '环评批复已经拿到了',
  '太好了',
  '施工用电还是没接入，又停了',
  '消防管道安装完成六成',
  '收到',
  '配电房设备进场完成30%',
  '/状态',
  '/问题',
  '大家辛苦',
  '收到',
  '明天继续',
]

it('a burst of 40 messages in one group gets at most the replies the README says', async () => {
  const said = BURST.filter((l) => !l.startsWith(':'))
  expect(said).toHaveLength(40)
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'duban-burst-')), 'console.sqlite'))
  await migrateToLatest(db)
  const input = new PassThrough()
  const output = new PassThrough()
  let screen = ''
  output.on('data', (d) => (screen += String(d)))
  const settings = settingsFromEnv({ BOT_ADMINS: CONSOLE_OWNER, SEND_INTERVAL_MS: '5', WEB_PORT: '0' })
  const done = runConsole({
    databasePath: 'console.sqlite',
    db,
    projectRoomPattern: settings.rules.projectRoomPattern,
    input,
    output,
    createApp: (puppet, log) => createApp({ ...appOptions(settings, db, commands, log), puppet, jobs: [] }),
  })
  await waitFor(() => screen.includes('试试'), 10_000, () => screen)
  input.write(`${BURST.join('\n')}\n:quit\n`)
  await done
  await db.destroy()
  const replies = stripVTControlCharacters(screen)
    .split('\n')
    .filter((l) => /^\[\d+\] 督办助手：/u.test(l))
  expect(replies.length, replies.join('\n')).toBeLessThanOrEqual(12)
  // Every one of them is about something with a number, a milestone, a question or a command.
  expect(replies.filter((r) => /已登记问题 #|已记入问题 #|已办结|已记录节点|不回答提问|项目「|未办结问题/u.test(r))).toEqual(replies)
}, 60_000)
