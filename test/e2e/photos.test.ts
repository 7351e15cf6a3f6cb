/**
 * Photos as evidence, over the real wire: a picture posted in a project group is kept under the data
 * folder by its SHA-256 (owner-only modes), tied to its sender's progress report or close of the
 * same few minutes, shown on the board's project page beside the close, and gone when recalled.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createHash } from 'node:crypto'
import { deflateSync, crc32 } from 'node:zlib'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, chromiumInstalled } from '../../src/cli/chromium.ts'
import { photoPath } from '../../src/store/index.ts'
import { freePort, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ env: { WEB_PORT: String(await freePort()) } }))
})

afterAll(() => stopOnWire(h, b))

/** A real PNG of one colour with a stripe, as a phone's picture stands in for: `w`×`h` pixels. */
function png(w: number, hgt: number, [r, g, bl]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(w, 0)
  header.writeUInt32BE(hgt, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.alloc((w * 3 + 1) * hgt)
  for (let y = 0; y < hgt; y++) {
    for (let x = 0; x < w; x++) {
      const stripe = y > hgt * 0.6 && y < hgt * 0.7
      rows.set(stripe ? [250, 250, 250] : [r, g, bl], y * (w * 3 + 1) + 1 + x * 3)
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function open(link: string, path?: string): Promise<{ status: number; text: string; cookie: string }> {
  const first = await fetch(link, { redirect: 'manual' })
  const cookie = first.headers.get('set-cookie')!.split(';')[0]!
  const page = await fetch(new URL(path ?? first.headers.get('location')!, link), { headers: { cookie } })
  return { status: page.status, text: await page.text(), cookie }
}

describe('photos posted in a project group', () => {
  it('are kept, tied to the report or close beside them, shown on the board, and taken back by a recall', async () => {
    const [zhang, li, wang] = ['张三', '李四', '王五'].map((n) => h.contact(n)) as [ReturnType<WireHarness['contact']>, ReturnType<WireHarness['contact']>, ReturnType<WireHarness['contact']>]
    const room = h.room('【项目】照片甲推进群', [zhang, li, wang])
    const roof = png(480, 360, [176, 96, 48])
    const power = png(480, 360, [40, 110, 190])
    const crane = png(360, 480, [90, 140, 70])
    const dataDir = dirname(b.dbPath)

    // A report, then its picture; a picture, then the close it proves; a picture with nothing said.
    const report = h.say(zhang, room, '厂房主体结构封顶了')
    await b.handled(report)
    const roofId = h.photo(zhang, room, roof)
    await b.handled(roofId)
    h.say(li, room, '施工用电还没接入，供电局说要等电力设施迁改')
    await h.waitForSay(room, /已登记问题 #1/)
    const powerId = h.photo(li, room, power)
    await b.handled(powerId)
    h.say(li, room, '/解决 1 已接通临时用电')
    await h.waitForSay(room, /问题 #1.*已办结/)
    const craneId = h.photo(wang, room, crane)
    // Not a picture at all: logged, not kept.
    const notAPicture = h.photo(wang, room, Buffer.from('这不是图片'), '说明.txt')
    await b.handled(craneId, notAPicture)

    const rows = await b.db
      .selectFrom('photos')
      .innerJoin('messages', 'messages.id', 'photos.message_id')
      .leftJoin('progress_updates', 'progress_updates.id', 'photos.progress_id')
      .leftJoin('issues', 'issues.id', 'photos.issue_id')
      .select(['messages.wechat_id', 'photos.sha256', 'photos.mime', 'photos.bytes', 'progress_updates.summary', 'issues.number'])
      .orderBy('photos.id')
      .execute()
    expect(rows).toEqual([
      { wechat_id: roofId, sha256: sha(roof), mime: 'image/png', bytes: roof.length, summary: '厂房主体结构封顶了', number: null },
      { wechat_id: powerId, sha256: sha(power), mime: 'image/png', bytes: power.length, summary: null, number: 1 },
      { wechat_id: craneId, sha256: sha(crane), mime: 'image/png', bytes: crane.length, summary: null, number: null },
    ])
    expect(b.logs.some((l) => /照片甲推进群」中 王五 发的图片.*不是可显示的图片格式，未保存/u.test(l))).toBe(true)
    // Content-addressed, owner-only: the folders 0700, the file 0600, the bytes as sent.
    const file = photoPath(dataDir, sha(roof))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
    expect(statSync(join(dataDir, 'photos')).mode & 0o777).toBe(0o700)

    // The board: the latest photos at the top, the close's photo beside the close.
    const admin = h.contact('管理员')
    h.say(admin, 'bot', '/白板')
    const link = /http:\/\/\S+\/board\?t=\S+/.exec(await h.waitForSay(admin, /督办白板/))![0]
    const projectId = (await b.db.selectFrom('projects').select('id').where('name', '=', '照片甲').executeTakeFirstOrThrow()).id
    const page = await open(link, `/board/p/${projectId}`)
    expect(page.status).toBe(200)
    const top = page.text.slice(page.text.indexOf('<h2>现场照片</h2>'), page.text.indexOf('<h2>进度</h2>'))
    expect([...top.matchAll(/<img src="\/board\/photo\/([0-9a-f]{64})"/gu)].map((m) => m[1])).toEqual([sha(crane), sha(power), sha(roof)])
    const closed = page.text.slice(page.text.indexOf('id="issue-1"'))
    expect(closed.slice(0, closed.indexOf('</article>'))).toMatch(new RegExp(`照片 1 张[\\s\\S]*/board/photo/${sha(power)}`, 'u'))
    const served = await fetch(new URL(`/board/photo/${sha(power)}`, link), { headers: { cookie: page.cookie } })
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(power)).toBe(true)
    expect((await fetch(new URL(`/board/photo/${sha(power)}`, link))).status).toBe(401)

    if (chromiumInstalled()) {
      const browser = await chromium.launch({ executablePath: CHROMIUM })
      try {
        const tab = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage()
        await tab.goto(link)
        await tab.goto(new URL(`/board/p/${projectId}`, link).href)
        // The pictures load lazily: the close's photo, below the fold, loads once scrolled to.
        const loaded = await tab.locator('ul.photos img').evaluateAll((imgs) =>
          Promise.all(
            imgs.map((i) => {
              const img = i as unknown as { scrollIntoView(): void; decode(): Promise<void>; naturalWidth: number }
              img.scrollIntoView()
              return img.decode().then(
                () => img.naturalWidth > 0,
                () => false,
              )
            }),
          ),
        )
        expect(loaded).toEqual([true, true, true, true])
        const shots = join(import.meta.dirname, '../../test-artifacts/board')
        mkdirSync(shots, { recursive: true })
        await tab.screenshot({ path: join(shots, 'project-photos-phone.png'), fullPage: true })
      } finally {
        await browser.close()
      }
    }

    // A recall takes the photo out of the ledger, off the board, and off the disk.
    h.recall(zhang, room, roofId)
    expect(await h.waitForSay(room, /撤回/)).toBe('张三撤回了一条消息，已撤销：照片 1 张')
    expect(existsSync(file)).toBe(false)
    const after = await open(link, `/board/p/${projectId}`)
    expect(after.text).not.toContain(sha(roof))
    expect((await fetch(new URL(`/board/photo/${sha(roof)}`, link), { headers: { cookie: after.cookie } })).status).toBe(404)
  })
})
