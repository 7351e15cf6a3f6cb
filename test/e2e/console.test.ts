import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { appOptions, createApp } from '../../src/app.ts'
import { CONSOLE_OWNER, runConsole } from '../../src/wechat/console.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { migrateToLatest, openDatabase, type Db } from '../../src/store/index.ts'
import { freePort, waitFor } from './harness.ts'

let db: Db

beforeAll(async () => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'duban-console-')), 'console.sqlite'))
  await migrateToLatest(db)
})

afterAll(async () => {
  await db?.destroy()
})

it('lets a newcomer report, list, resolve by quote, switch speaker and recall', async () => {
  const input = new PassThrough()
  const output = new PassThrough()
  let screen = ''
  output.on('data', (d) => (screen += String(d)))
  const settings = settingsFromEnv({ BOT_ADMINS: CONSOLE_OWNER, SEND_INTERVAL_MS: '5', LOGIN_TIMEOUT_SECONDS: '5', WEB_PORT: String(await freePort()) })
  const done = runConsole({
    databasePath: 'console.sqlite',
    db,
    projectRoomPattern: settings.rules.projectRoomPattern,
    input,
    output,
    createApp: (puppet, log) => createApp({ ...appOptions(settings, db, commands, log), puppet, jobs: [] }),
  })
  const type = async (line: string, expected: RegExp) => {
    input.write(`${line}\n`)
    await waitFor(() => expected.test(screen), 5_000, () => `after "${line}" the screen shows:\n${screen}`)
  }
  await waitFor(() => screen.includes('试试'), 10_000, () => screen)
  // The board's link works at once and shows the demo group's project before anyone has spoken.
  const link = /督办白板.*?(http:\/\/\S+\/board\?t=[\w.-]+)/u.exec(stripVTControlCharacters(screen))?.[1]
  expect(link).toBeDefined()
  const opened = await fetch(link!, { redirect: 'manual' })
  expect(opened.status).toBe(303)
  const board = await fetch(new URL(opened.headers.get('location')!, link), { headers: { cookie: opened.headers.get('set-cookie')!.split(';')[0]! } })
  expect(await board.text()).toContain('年产10万吨新材料')
  await type('施工用电还没接入，供电局说要等电力设施迁改', /已登记问题 #1/)
  await type('/issues', /未办结问题：[\s\S]*#1/)
  await type(':quote 1 已解决', /问题 #1（增资扩产和园区建设专班）已办结/)
  await type(':as 李四', /李四/)
  await type('环评批复还没下来', /已登记问题 #2/)
  await type(':recall', /李四撤回了一条消息，已撤销：问题 #2/)
  await type('/stage 动工', /仅限管理员/)
  await type(':private /status', /私聊查询仅对管理员开放/)
  input.write(':quit\n')
  await done
  expect(stripVTControlCharacters(screen)).toMatch(/\[\d+\] 督办助手：✅ 问题 #1/)
}, 30_000)
