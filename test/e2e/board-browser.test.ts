/**
 * The whiteboard in a real browser: Debian's Chromium driven by playwright-core, on a bot fed over
 * the real wire. Each page at a phone's size (390×844) and a meeting screen's (1280×800), with
 * screenshots in test-artifacts/board/. Without Chromium these tests are skipped with one line
 * saying how to get it; with REQUIRE_BROWSER=1 (CI) they fail instead.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_INSTALL, chromiumInstalled } from '../../src/cli/chromium.ts'
import { FakeClock } from '../../src/clock.ts'
import { freePort, isolateHome, WireHarness } from './harness.ts'
import { startBot, type BotUnderTest } from './start-bot.ts'

const required = process.env['REQUIRE_BROWSER'] === '1'
const present = chromiumInstalled()
if (!present && !required) process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (to run them: ${CHROMIUM_INSTALL})\n`)

const ARTEFACTS = join(import.meta.dirname, '../../test-artifacts/board')
const DAY_MS = 86_400_000
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'screen', width: 1280, height: 800 },
] as const
const HOSTILE = '<script>alert(1)</script>智能装备'
const HOSTILE_ISSUE = '施工许可证还没批下来<img src=x onerror=alert(1)>'

describe.skipIf(!present && !required)('the whiteboard in Chromium', () => {
  // Two weeks on, the issues raised today are 3 or 4 working days past due (超期, yellow; 严重超期 is
  // 5 or more): the bot's clock runs ahead of WeChat's.
  const clock = new FakeClock(new Date(Date.now() + 15 * DAY_MS))
  let h: WireHarness
  let b: BotUnderTest
  let browser: Browser
  let link = ''
  let base = ''
  /** Console errors and page errors seen on any page: there must be none. */
  const errors: string[] = []

  beforeAll(async () => {
    if (!present) throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: ${CHROMIUM_INSTALL}`)
    mkdirSync(ARTEFACTS, { recursive: true })
    isolateHome()
    h = await WireHarness.start()
    // Every record answered (CONFIRM=all), so that feeding the city can wait for each line's reply.
    b = await startBot(h, { clock, env: { WEB_PORT: String(await freePort()), CONFIRM: 'all' } })
    await feedTheCity()
    const admin = h.admin()
    h.say(admin, 'bot', '/白板')
    link = /http:\/\/\S+\/board\?t=\S+/.exec(await h.waitForSay(admin, /督办白板/))![0]
    base = link.slice(0, link.indexOf('?'))
    browser = await chromium.launch({ executablePath: CHROMIUM })
  })

  afterAll(async () => {
    await browser?.close()
    await b?.stop()
    await h?.stop()
  })

  /** Three projects, said in their groups as members would: a slow one with an overdue issue, a hostile name, a fresh one. */
  async function feedTheCity() {
    const [zhang, li, wang] = ['张三', '李四', '王五'].map((n) => h.contact(n)) as [ReturnType<WireHarness['contact']>, ReturnType<WireHarness['contact']>, ReturnType<WireHarness['contact']>]
    // The one 管理员 the bot knows (BOT_ADMINS ties the name to the first contact that has it).
    const admin = h.admin()
    const material = h.room('【项目】年产10万吨新材料推进群', [zhang, li, admin])
    const ask = async (who: typeof zhang, room: typeof material, text: string, expected: RegExp, mentions: (typeof zhang)[] = []) => {
      h.say(who, room, text, mentions)
      await h.waitForSay(room, expected)
    }
    await ask(admin, material, '/stage 签约 2025-03-02', /已记录节点：签约/)
    await ask(zhang, material, '厂房主体结构已完成30%', /已记录进度/)
    await ask(zhang, material, '厂房主体结构已完成60%，预计5月底封顶', /已记录进度/)
    await ask(zhang, material, '施工用电还没接入，供电局说要等电力设施迁改', /已登记问题 #1/)
    await ask(zhang, material, '/assign 1 @李四\u2005', /#1 由 李四 负责/, [li])
    await ask(admin, material, '供电那边这周能不能给个准信？', /已记入问题 #1 的跟进/)
    await ask(li, material, '环评批复还没下来', /已登记问题 #2/)
    await ask(li, material, '/resolve 2 已取得环评批复', /问题 #2.*已办结/)
    const hostile = h.room(`【项目】${HOSTILE}推进群`, [wang])
    await ask(wang, hostile, HOSTILE_ISSUE, /已登记问题 #1/)
    const solar = h.room('【项目】光伏组件推进群', [wang, admin])
    await ask(admin, solar, `/stage 签约 ${new Date(clock.now().getTime() - 30 * DAY_MS).toISOString().slice(0, 10)}`, /已记录节点/)
  }

  /**
   * A fresh browser context at a viewport that has opened the admin's link (the cookie set); its
   * console is watched unless the test means to be refused (Chromium logs a 403 as an error).
   */
  async function signedIn(viewport: { width: number; height: number }, watched = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 })
    const page = await context.newPage()
    if (watched) watch(page)
    const response = await page.goto(link)
    expect(response?.status()).toBe(200)
    expect(page.url()).toBe(base)
    return { context, page }
  }

  function watch(page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
    page.on('dialog', (d) => errors.push(`a dialog opened: ${d.message()}`))
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true })

  /** Nothing wider than the viewport: a phone never scrolls sideways. */
  const fitsWidth = async (page: Page, width: number) => expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width)

  for (const v of VIEWPORTS) {
    describe(`at ${v.width}×${v.height}`, () => {
      let context: BrowserContext
      let page: Page
      beforeAll(async () => ({ context, page } = await signedIn(v)))
      afterAll(async () => context?.close())

      it('总览 shows every project with its stage chips, the slow one flagged, its overdue issue in the 督办单’s yellow', async () => {
        await page.goto(base)
        await expect(page.title()).resolves.toBe('总览 · 督办白板')
        const material = page.locator('ol.board > li', { hasText: '年产10万吨新材料' })
        await material.waitFor()
        expect(await material.locator('ol li').allInnerTexts()).toEqual(['签约\n2025.3.2', '供地', '动工', '竣工', '投产'])
        expect(await material.locator('em').innerText()).toBe('慢')
        expect(await material.locator('em').isVisible()).toBe(true)
        expect(await material.innerText()).toContain('🟡1')
        expect(await page.locator('.legend').innerText()).toBe('🔴严重超期（超期 5 个工作日及以上） 🟡超期 🔵临期（剩 2 个工作日以内） 🟢正常')
        // The latest progress as said, and the months in the stage in words with the limit.
        expect(await material.innerText()).toContain('60% 厂房主体结构已完成60%，预计5月底封顶')
        expect(await material.innerText()).toMatch(/签约已 \d+ 个月慢/)
        expect(await page.locator('.rule').innerText()).toBe('进展慢（标“慢”）：签约超过 6 个月未供地、供地超过 6 个月未动工、动工超过 18 个月未竣工')
        // Every 专班 button in sight: the row wraps rather than running off the screen.
        const teams = page.locator('nav.teams a')
        expect(await teams.count()).toBe(8)
        for (const box of await teams.evaluateAll((as) => as.map((a) => { const r = a.getBoundingClientRect(); return { left: r.left, right: r.right } }))) {
          expect(box.left).toBeGreaterThanOrEqual(0)
          expect(box.right).toBeLessThanOrEqual(v.width)
        }
        expect(await page.locator('nav.teams').evaluate((n) => n.scrollWidth <= n.clientWidth)).toBe(true)
        // Overdue issues first: the slow project with one leads the list.
        expect(await page.locator('ol.board > li > a').first().innerText()).toBe('年产10万吨新材料')
        expect(await page.locator('ol.board > li', { hasText: '光伏组件' }).locator('em').count()).toBe(0)
        await fitsWidth(page, v.width)
        await shot(page, `overview-${v.name}`)
      })

      it('shows a name with markup as text and runs no script at all', async () => {
        await page.goto(base)
        expect(await page.locator('ol.board > li > a', { hasText: '智能装备' }).innerText()).toBe(HOSTILE)
        expect(await page.evaluate('document.querySelectorAll("script, img").length')).toBe(0)
        await page.locator('ol.board > li > a', { hasText: '智能装备' }).click()
        await page.waitForURL(/\/board\/p\/\d+$/)
        expect(await page.locator('h1').innerText()).toBe(HOSTILE)
        expect(await page.locator('article.issue blockquote').innerText()).toMatch(new RegExp(`^${HOSTILE_ISSUE.replace(/[()]/g, '\\$&')}\n王五 · `))
        expect(await page.locator('article.issue .what').innerText()).toContain('<img')
        expect(await page.evaluate('document.querySelectorAll("script, img").length')).toBe(0)
      })

      it('项目 shows the timeline, the percent line, every issue with its events and messages', async () => {
        await page.goto(base)
        await page.locator('ol.board > li > a', { hasText: '年产10万吨新材料' }).click()
        await page.waitForURL(/\/board\/p\/\d+$/)
        expect(await page.locator('h1').innerText()).toBe('年产10万吨新材料慢')
        expect(await page.locator('svg.timeline').isVisible()).toBe(true)
        expect(await page.locator('svg.chart:not(.timeline) circle').count()).toBe(2)
        const power = page.locator('article#issue-1')
        expect(await power.getAttribute('class')).toBe('issue yellow')
        expect(await power.locator('h3').innerText()).toMatch(/^🟡 #1 增资扩产和园区建设专班/)
        expect(await power.locator('blockquote').first().innerText()).toMatch(/^施工用电还没接入，供电局说要等电力设施迁改\n张三 · /)
        expect(await power.locator('ol.events > li').allInnerTexts()).toEqual([
          expect.stringMatching(/^提出 /),
          expect.stringMatching(/^指派 .* · 负责人：李四/),
          expect.stringMatching(/^跟进 .*\n供电那边这周能不能给个准信？\n管理员 · /),
        ])
        const permit = page.locator('article#issue-2')
        expect(await permit.locator('.state').innerText()).toBe('已办结')
        expect(await permit.locator('ol.events > li').last().innerText()).toMatch(/^办结 .*已取得环评批复\n\/resolve 2 已取得环评批复/)
        await fitsWidth(page, v.width)
        await shot(page, `project-${v.name}`)
      })

      it('专班 lists a team’s open issues by due date with its liaison, and what it closed', async () => {
        await page.goto(`${base}/team/infrastructure`)
        expect(await page.locator('h1').innerText()).toBe('增资扩产和园区建设专班')
        expect(await page.locator('.summary').innerText()).toBe('联络员：未设置')
        expect(await page.locator('main').innerText()).not.toMatch(/teams\.json|TEAMS_FILE/u)
        const open = page.locator('ol.team-issues').first().locator('li')
        expect(await open.count()).toBe(1)
        expect(await open.innerText()).toMatch(/^🟡 .*到期，超期 \d+ 个工作日\n年产10万吨新材料 #1 施工用电还没接入/)
        await fitsWidth(page, v.width)
        await shot(page, `team-${v.name}`)
        await page.goto(`${base}/team/environment`)
        expect(await page.locator('section', { hasText: '办结' }).last().innerText()).toMatch(/近 7 个工作日办结 1 个[\s\S]*年产10万吨新材料 #2 环评批复还没下来/)
      })

      it('周通报 ranks the teams, with the slow projects by rule, linked from every page', async () => {
        await page.goto(base)
        await page.locator('a', { hasText: '周通报' }).first().click()
        await page.waitForURL(/\/board\/weekly$/)
        expect(await page.locator('h1').innerText()).toMatch(/^周通报（\d+月\d+日至\d+月\d+日）$/)
        const teams = page.locator('ol.team-issues').first().locator('li')
        // The two teams with an overdue issue (the power supply, the hostile project's permit) lead.
        const firstTwo = (await teams.allInnerTexts()).slice(0, 2).map((t) => t.replace(/^\d+\. /, '').split('\n')[0])
        expect(firstTwo.sort()).toEqual(['增资扩产和园区建设专班', '项目审批验收服务专班'].sort())
        expect(await page.locator('main').innerText()).toContain('年产10万吨新材料')
        await fitsWidth(page, v.width)
        await shot(page, `weekly-${v.name}`)
      })
    })
  }

  it('prints 总览 on A4', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 800 })
    const pdf = await page.pdf({ path: join(ARTEFACTS, 'overview-a4.pdf'), format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await context.close()
  })

  it('refuses without a token (401), with a forged one and an expired one (403), in Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const none = await page.goto(base)
    expect(none?.status()).toBe(401)
    expect(await page.locator('h1').innerText()).toBe('需要访问链接')
    const forged = await page.goto(`${base}?t=${link.split('t=')[1]!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`)
    expect(forged?.status()).toBe(403)
    expect(await page.locator('h1').innerText()).toBe('链接无效')
    await shot(page, 'refused-phone')
    // The admin's own link, a week and a day later.
    const { context: signed, page: later } = await signedIn({ width: 390, height: 844 }, false)
    clock.advance(8 * DAY_MS)
    try {
      const expired = await later.reload()
      expect(expired?.status()).toBe(403)
      expect(await later.locator('h1').innerText()).toBe('链接已过期')
      expect(await later.content()).not.toContain('新材料')
    } finally {
      clock.advance(-8 * DAY_MS)
      await signed.close()
      await context.close()
    }
  })

  it('saw no console error on any page', () => {
    expect(errors).toEqual([])
  })
})
