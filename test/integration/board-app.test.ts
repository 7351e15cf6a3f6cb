import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { parseMessage } from '../../src/parse/parse-message.ts'
import { addIssueEvent, assignIssue, ingestMessage, recordStage, resolveIssue, upsertPerson } from '../../src/store/index.ts'
import { ACCESS_COOKIE, createBoardApp } from '../../src/web/board-app.ts'
import { signBoardToken } from '../../src/web/board-token.ts'
import { message, newProject, openTestStore, rules, settings, type TestStore } from './store-fixture.ts'

const SECRET = 'x'.repeat(32)
const beijing = (local: string) => new Date(`${local}+08:00`)
// Issues opened on 2026-03-02 are due on 03-11 (seven working days): red on the 16th.
const clock = new FakeClock(beijing('2026-03-16T10:00:00'))
const valid = () => signBoardToken(SECRET, new Date(clock.now().getTime() + 3_600_000))

let store: TestStore
let ids: { material: number; hostile: number }

/** A city of two projects, fed through the parser as the router would. */
beforeAll(async () => {
  store = await openTestStore()
  const db = store.db
  const say = async (projectId: number, text: string, sentAt: string, sender = { wechatId: 'wxid_zhang', name: '张科长' }) => {
    const at = beijing(sentAt)
    return ingestMessage(db, message(projectId, { text, sentAt: at, sender }), parseMessage({ body: text, sentAt: at }, settings), settings)
  }
  const material = await newProject(db, '年产10万吨新材料')
  await recordStage(db, { projectId: material.id, messageId: null, command: 'stage', actorId: null, at: beijing('2026-01-05T09:00:00') }, 'signed', '2025-03-02')
  await say(material.id, '厂房主体结构已完成30%', '2026-02-02T09:00:00')
  await say(material.id, '厂房主体结构已完成60%，预计5月底封顶', '2026-03-02T09:00:00')
  const power = await say(material.id, '施工用电还没接入，供电局说要等电力设施迁改', '2026-03-02T10:00:00')
  const li = await upsertPerson(db, { wechatId: 'wxid_li', name: '李四' }, beijing('2026-03-02T10:00:00'))
  if (power.duplicate) throw new Error('fresh message')
  await assignIssue(db, { issueId: power.issues[0]!.id, assigneeId: li.id, actorId: power.sender.id, messageId: power.messageId, at: beijing('2026-03-02T10:05:00') })
  // A later message about the issue, as the ledger records a follow-up.
  const nudge = await say(material.id, '供电接入的事有进展吗？', '2026-03-09T09:30:00', { wechatId: 'wxid_wang', name: '王局' })
  await addIssueEvent(db, power.issues[0]!.id, 'followed-up', 'open', { actorId: null, messageId: nudge.messageId, at: beijing('2026-03-09T09:30:00') })
  // Events as facts, worded by the page: a deadline a follow-up set, a resolution taken back.
  await addIssueEvent(db, power.issues[0]!.id, 'followed-up', 'open', { actorId: li.id, messageId: null, at: beijing('2026-03-10T09:00:00') }, { note: '供电局答复', dueOn: '2026-03-11' })
  await addIssueEvent(db, power.issues[0]!.id, 'resolution-retracted', 'reopened', { actorId: li.id, messageId: null, at: beijing('2026-03-10T10:00:00') })
  const permit = await say(material.id, '环评批复还没下来', '2026-03-03T09:00:00')
  if (permit.duplicate) throw new Error('fresh message')
  const done = await say(material.id, '/resolve 2 已取得批复', '2026-03-13T09:00:00')
  await resolveIssue(
    db,
    { issueId: permit.issues[0]!.id, text: '已取得批复', command: 'resolve', actorId: permit.sender.id, messageId: done.messageId, at: beijing('2026-03-13T09:00:00') },
    settings.timeZone,
  )
  const hostile = await newProject(db, '<script>alert(1)</script>智能装备')
  const licence = await say(hostile.id, '施工许可证还没批下来<img src=x onerror=alert(1)>', '2026-03-02T11:00:00')
  if (licence.duplicate) throw new Error('fresh message')
  // Due on Friday 3月6日, as if the reporter had said so: on Monday 3月16日 6 working days late, 严重超期.
  await db.updateTable('issues').set({ due_on: '2026-03-06' }).where('id', '=', licence.issues[0]!.id).execute()
  ids = { material: material.id, hostile: hostile.id }
})

afterAll(async () => store?.close())

function board(publicUrl = 'http://127.0.0.1:8080') {
  return createBoardApp({ db: store.db, rules, clock, secret: SECRET, publicUrl, log: silentLogger })
}

const withCookie = (token = valid()) => ({ headers: { cookie: `${ACCESS_COOKIE}=${token}` } })

describe('access', () => {
  it('without a token: 401 and a Chinese page that shows nothing of the ledger', async () => {
    const res = await board().request('/board')
    expect(res.status).toBe(401)
    const page = await res.text()
    expect(page).toContain('需要访问链接')
    expect(page).toContain('/白板')
    expect(page).not.toContain('新材料')
    expect((await board().request('/board/p/1')).status).toBe(401)
    expect((await board().request('/board/nothing')).status).toBe(401)
  })

  it('a forged or altered token: 403 链接无效; an expired one: 403 链接已过期', async () => {
    const forged = await board().request('/board?t=9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(forged.status).toBe(403)
    expect(await forged.text()).toContain('链接无效')
    const other = signBoardToken('y'.repeat(32), new Date(clock.now().getTime() + 3_600_000))
    expect((await board().request(`/board?t=${other}`)).status).toBe(403)
    const expired = await board().request('/board', withCookie(signBoardToken(SECRET, new Date(clock.now().getTime() - 1000))))
    expect(expired.status).toBe(403)
    const page = await expired.text()
    expect(page).toContain('链接已过期')
    expect(page).not.toContain('新材料')
    expect(expired.headers.get('set-cookie')).toMatch(new RegExp(`^${ACCESS_COOKIE}=;.*Max-Age=0`))
  })

  it('a link sets a cookie and takes the token out of the address, keeping the rest', async () => {
    const res = await board().request(`/board/p/${ids.material}?t=${valid()}&x=1`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/board/p/${ids.material}?x=1`)
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${ACCESS_COOKIE}=\\d+\\.[\\w-]+; Max-Age=3600; Path=/board; HttpOnly; SameSite=Lax$`))
  })

  it('behind a proxy: links, redirects and the cookie under BOARD_URL’s path, the cookie Secure under https', async () => {
    const proxied = board('https://gov.example.cn/duban/')
    const res = await proxied.request(`/board?t=${valid()}`)
    expect(res.headers.get('location')).toBe('/duban/board')
    expect(res.headers.get('set-cookie')).toMatch(/Path=\/duban\/board; HttpOnly; Secure; SameSite=Lax/)
    const page = await (await proxied.request('/board', withCookie())).text()
    expect(page).toContain(`href="/duban/board/p/${ids.material}"`)
    expect(page).toMatch(/href="\/duban\/board\/board\.css\?v=[\w-]+"/)
  })

  it('is read-only and strict: no other method, a CSP without scripts, nothing cached', async () => {
    const post = await board().request('/board', { method: 'POST', ...withCookie() })
    expect(post.status).toBe(405)
    expect(await post.text()).toContain('白板只能查看')
    const res = await board().request('/board', withCookie())
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect((await board().request('/board/p/99999', withCookie())).status).toBe(404)
    expect((await board().request('/board/team/lands', withCookie())).status).toBe(404)
  })

  it('serves the stylesheet and the icon to anyone, to be kept by the browser', async () => {
    const page = await (await board().request('/board', withCookie())).text()
    const css = /href="(\/board\/board\.css\?v=[\w-]+)"/.exec(page)![1]!
    const res = await board().request(css)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await board().request('/favicon.ico')).headers.get('content-type')).toBe('image/svg+xml')
  })
})

describe('pages', () => {
  const get = async (path: string) => {
    const res = await board().request(path, withCookie())
    expect(res.status).toBe(200)
    return res.text()
  }

  it('总览: stage chips with dates, months against the limit, the slow flag, progress, issues in the 督办单’s colours', async () => {
    const page = await get('/board')
    expect(page).toContain('项目 <b>2</b> 个 · 进展缓慢 <b>1</b> 个')
    // The chips after the current one are not reached by their place; a project not signed marks every chip.
    expect(page).toMatch(/<li class=s><a href="\/board\/p\/\d+">年产10万吨新材料<\/a><ol><li class=c>签约<br>2025\.3\.2<li>供地<li>动工<li>竣工<li>投产<\/ol>/)
    expect(page).toMatch(/智能装备<\/a><ol><li class=n>签约<li class=n>供地<li class=n>动工<li class=n>竣工<li class=n>投产<\/ol><p>未签约<p>/)
    // Months in the stage in words, its limit, and the rule said once above the list.
    expect(page).toContain('<p>签约已 12 个月<em>慢</em>')
    expect(page).toContain('<p class="rule">进展慢（标“慢”）：签约超过 6 个月未供地、供地超过 6 个月未动工、动工超过 18 个月未竣工</p>')
    // The latest progress as it was said, not its first dozen characters.
    // 3 working days past due is 超期 (yellow), 6 is 严重超期 (red), as the 台账 colours them; the legend says so.
    expect(page).toContain('<p><progress value=0.6></progress>60% 厂房主体结构已完成60%，预计5月底封顶 <i>14天前</i><p>🟡1\n')
    expect(page).toMatch(/智能装备<\/a>.*<p>🔴1\n/u)
    expect(page).toContain('未办结问题 🔴1 🟡1</p>\n<p class="legend">🔴严重超期（超期 5 个工作日及以上） 🟡超期 🔵临期（剩 2 个工作日以内） 🟢正常</p>')
    expect(page).toContain('增资扩产和园区建设专班<small>🟡1 未办结 1</small>')
    // 严重超期 sorts first, before the slow project with an issue 超期.
    expect(page.indexOf('智能装备')).toBeLessThan(page.indexOf('新材料'))
  })

  it('escapes every text from chat: a project or a message with markup shows as text', async () => {
    const overview = await get('/board')
    expect(overview).toContain('&lt;script&gt;alert(1)&lt;/script&gt;智能装备')
    expect(overview).not.toMatch(/<script|<img/i)
    const project = await get(`/board/p/${ids.hostile}`)
    expect(project).toContain('施工许可证还没批下来&lt;img src=x onerror=alert(1)&gt;')
    expect(project).not.toMatch(/<script|<img/i)
  })

  it('总览 filters by stage and by team, and sorts by name', async () => {
    expect(await get('/board?stage=signed')).not.toContain('智能装备')
    expect(await get('/board?stage=none')).not.toContain('新材料')
    const team = await get('/board?team=approval')
    expect(team).toContain('筛选出 <b>1</b> 个项目（共 2 个）')
    expect(team).toContain('智能装备')
    expect(await get('/board?team=labour')).toContain('没有符合条件的项目。')
    const byName = await get('/board?sort=name&stage=nonsense')
    expect(byName).toContain('<b>名称</b>')
  })

  it('项目: the timeline, the percent line, every issue with its events and the messages they came from', async () => {
    const page = await get(`/board/p/${ids.material}`)
    expect(page).toContain('签约已 <b>12</b> 个月（时限 6 个月，至 2025年9月2日）')
    expect(page).toContain('aria-label="节点时间线：签约 2025年3月2日"')
    expect(page).toContain('aria-label="进度曲线：2月2日 30%，3月2日 60%"')
    const power = page.slice(page.indexOf('id="issue-1"'), page.indexOf('</article>', page.indexOf('id="issue-1"')))
    expect(page).toContain('未办结问题 🟡1</p>')
    expect(page).toContain('<p class="legend">🔴严重超期（超期 5 个工作日及以上） 🟡超期 🔵临期（剩 2 个工作日以内） 🟢正常</p>')
    expect(page).toContain('<article class="issue yellow" id="issue-1">')
    expect(power).toContain('🟡 #1 增资扩产和园区建设专班 <span class="state">未办结</span>')
    expect(power).toContain('3月11日到期，超期 3 个工作日')
    expect(power).toMatch(/<span class="ev">提出<\/span> <small>3月2日 10:00<\/small> 张科长<blockquote>施工用电还没接入，供电局说要等电力设施迁改<cite>/)
    expect(power).toContain('<span class="ev">指派</span> <small>3月2日 10:05</small> 张科长 · 负责人：李四')
    expect(power).toMatch(/<span class="ev">跟进<\/span> <small>3月9日 09:30<\/small><blockquote>供电接入的事有进展吗？<cite>王局 · 3月9日 09:30 群消息/)
    expect(power).toContain('<span class="ev">跟进</span> <small>3月10日 09:00</small> 李四 · 供电局答复（期限改为 2026-03-11）')
    expect(power).toContain('<span class="ev">重开</span> <small>3月10日 10:00</small> 李四 · 办结的消息被撤回')
    const permit = page.slice(page.indexOf('id="issue-2"'))
    expect(permit).toContain('<span class="state">已办结</span>')
    expect(permit).toMatch(/<span class="ev">办结<\/span> <small>3月13日 09:00<\/small> 张科长 · 已取得批复<blockquote>\/resolve 2 已取得批复/)
  })

  it('专班: open issues across projects by due date, the liaison, what was closed in the last 7 working days', async () => {
    const infrastructure = await get('/board/team/infrastructure')
    expect(infrastructure).toContain('<h1>增资扩产和园区建设专班</h1>')
    expect(infrastructure).toContain('联络员：未设置')
    // How to set one is the deployer's business, told to admins with /白板, not to the leaders reading this.
    expect(infrastructure).not.toMatch(/teams\.json|TEAMS_FILE|data\//u)
    expect(infrastructure).toContain('未办结问题 1 个，其中超期 1 个（按到期日）')
    expect(infrastructure).toMatch(/<li class="yellow"><span class="due">🟡 3月11日到期，超期 3 个工作日[\s\S]*年产10万吨新材料 #1/)
    const approval = await get('/board/team/approval')
    expect(approval).toContain('未办结问题 1 个，其中严重超期 1 个（按到期日）')
    expect(approval).toMatch(/<li class="red"><span class="due">🔴 3月6日到期，超期 6 个工作日/)
    const environment = await get('/board/team/environment')
    expect(environment).toContain('近 7 个工作日办结 1 个（3月6日起）')
    expect(environment).toContain('✅ 3月13日办结')
  })

  it('周通报: the Monday 通报 of the week before, the teams ranked with the overdue in red, the pace, linked from every page', async () => {
    const page = await get('/board/weekly')
    // Monday 3月16日: the week of 3月9日 to 3月15日.
    expect(page).toContain('<h1>周通报（3月9日至3月15日）</h1>')
    const ranked = [...page.matchAll(/<span class="due">(\d+)\. <a href="\/board\/team\/(\w+)">/gu)].map((m) => `${m[1]}${m[2]}`)
    expect(ranked).toEqual(['1approval', '2infrastructure', '3environment'])
    expect(page).toMatch(/<li class="red"><span class="due">1\. /u)
    // 环评批复 raised 3月3日, due 3月12日, closed 3月13日: late, 8 working days.
    expect(page).toContain('收到 0 · 办结 1 · 按期 0（0%） · 中位 8 个工作日')
    expect(page).toContain('全市近 90 天没有项目供地')
    expect(page).toContain('年产10万吨新材料：签约已 12 个月（时限 6 个月）')
    expect(await get('/board')).toContain('<a href="/board/weekly">周通报</a>')
  })
})
