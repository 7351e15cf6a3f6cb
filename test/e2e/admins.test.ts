import { afterAll, beforeAll, expect, it } from 'vitest'
import { isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const PRIVATE_EXPLANATION = '您好，我是督办助手，只在项目群里记录进度和问题；私聊查询仅对管理员开放。'
const ADMINS = { BOT_ADMINS: '李科长,王主任,赵处长' }

let h: WireHarness
let b: BotUnderTest
let li: ReturnType<WireHarness['contact']>
let wang: ReturnType<WireHarness['contact']>[]

beforeAll(async () => {
  isolateHome()
  h = await WireHarness.start()
  // Before the bot starts: one 李科长, two contacts called 王主任, nobody called 赵处长 yet.
  li = h.contact('李科长')
  wang = [h.contact('王主任'), h.contact('王主任')]
  b = await startBot(h, { env: ADMINS })
})

afterAll(async () => {
  await b?.stop()
  await h?.stop()
})

/** What the bot answers a private /status: the explanation for non-admins, a status for admins. */
async function answerTo(contact: ReturnType<WireHarness['contact']>): Promise<string> {
  h.say(contact, 'bot', '/status')
  return h.waitForSay(contact, () => true, 10_000)
}

it('ties a name in BOT_ADMINS to the one contact that has it at start-up, says so, and refuses a name two contacts share, listing both', async () => {
  expect(b.logs).toContain(`info BOT_ADMINS 中的「李科长」已认定为微信 id ${li.id}：此后只认这个 id，改名或同名的其他联系人都不是管理员`)
  const refusal = b.logs.find((l) => l.includes('「王主任」同时是 2 个联系人的名字'))
  expect(refusal).toContain(`王主任（${wang[0]!.id}）`)
  expect(refusal).toContain(`王主任（${wang[1]!.id}）`)
  expect(await answerTo(li)).not.toBe(PRIVATE_EXPLANATION)
  for (const w of wang) expect(await answerTo(w)).toBe(PRIVATE_EXPLANATION)
})

it('a second contact who takes an admin’s name is no admin, and is not told what is sent to the admins', async () => {
  const impostor = h.contact('李科长')
  expect(await answerTo(impostor)).toBe(PRIVATE_EXPLANATION)
  // Someone renamed to the name later gains nothing either.
  const renamed = h.contact('张三')
  renamed.payload.name = '李科长'
  expect(await answerTo(renamed)).toBe(PRIVATE_EXPLANATION)
})

it('a name nobody had at start-up is tied at its first sight; a same-named contact after that is no admin', async () => {
  const zhao = h.contact('赵处长')
  expect(await answerTo(zhao)).not.toBe(PRIVATE_EXPLANATION)
  expect(b.logs).toContain(`info BOT_ADMINS 中的「赵处长」已认定为微信 id ${zhao.id}：此后只认这个 id，改名或同名的其他联系人都不是管理员`)
  expect(await answerTo(h.contact('赵处长'))).toBe(PRIVATE_EXPLANATION)
})

it('keeps the ids across a restart: the name now shared by two contacts still means the first', async () => {
  await b.stop()
  b = await startBot(h, { env: ADMINS, dbPath: b.dbPath })
  expect(b.logs.some((l) => l.includes('「李科长」同时是'))).toBe(false)
  expect(await answerTo(li)).not.toBe(PRIVATE_EXPLANATION)
  expect(await answerTo(h.contact('李科长'))).toBe(PRIVATE_EXPLANATION)
}, 60_000)
