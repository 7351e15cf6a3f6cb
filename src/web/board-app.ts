import { readFile } from 'node:fs/promises'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { compress } from 'hono/compress'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import { addDays, dateInZone } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import type { Clock } from '../clock.ts'
import type { Rules } from '../domain/rules.ts'
import { YELLOW_HORIZON_DAYS } from '../domain/sla.ts'
import type { Logger } from '../log.ts'
import { CATEGORIES, type Category } from '../parse/types.ts'
import { getProjectStatus, listOpenIssues, listProjectOverview, type StatusQuery } from '../reports/status.ts'
import { findLivePhoto, listIssueHistories, listProgressHistory, listProjectPhotos, photoPath, listResolvedSince, type Db } from '../store/index.ts'
import { ICON, STYLESHEET, type Asset } from './assets.ts'
import { checkBoardToken } from './board-token.ts'
import type { Html } from './html.ts'
import type { PageContext } from './layout.ts'
import { overviewModel, readOverviewFilters } from './overview-model.ts'
import { overviewPage } from './overview-page.ts'
import { projectModel } from './project-model.ts'
import { projectPage } from './project-page.ts'
import { REFUSALS, refusalPage, type Refusal } from './refusal-page.ts'
import { CLOSED_WORKING_DAYS, firstOfLastWorkingDays, teamModel } from './team-model.ts'
import { teamPage } from './team-page.ts'
import { weeklyPage } from './weekly-page.ts'
import { buildWeeklyFacts } from '../reports/weekly.ts'
import { weekMonday } from '../domain/weekly.ts'

export interface BoardDeps {
  db: Db
  rules: Rules
  clock: Clock
  /** The signing secret of the links (BOARD_SECRET, or the one kept in the database). */
  secret: string
  /** BOARD_URL: the pages link and the cookie is scoped under its path, and is Secure under https. */
  publicUrl: string
  log: Logger
  /** The data folder holding the photos (DATABASE_PATH's); absent: no photos are shown. */
  dataDir?: string | undefined
}

/** The cookie that holds the token once a link was opened, so the pages link to each other without it. */
export const ACCESS_COOKIE = 'duban_board'

/**
 * The board as HTTP: GET only, every page behind the token, every answer with a strict CSP and no
 * caching. The routes are a thin shell: read the store, build the page's model, render it.
 * Served at /board on this server, whatever path a proxy in front publishes it under.
 */
export function createBoardApp(d: BoardDeps): Hono {
  const publicUrl = new URL(d.publicUrl)
  const base = `${publicUrl.pathname.replace(/\/+$/u, '')}/board`
  const ctx: PageContext = { base, stylesheet: `${base}/board.css?v=${STYLESHEET.version}`, icon: `${base}/icon.svg?v=${ICON.version}` }
  const app = new Hono()

  const page = (c: Context, markup: Html, status: 200 | 401 | 403 | 404 | 405 | 500 = 200) => c.html(markup, status)
  const refuse = (c: Context, refusal: Refusal, detail?: string) => page(c, refusalPage(ctx, refusal, detail), REFUSALS[refusal].status)
  const today = () => dateInZone(d.clock.now(), d.rules.timeZone)
  const statusQuery = (): StatusQuery => ({ today: today(), calendar: d.rules.calendar, timeZone: d.rules.timeZone, thresholds: d.rules.slowThresholds })

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // HSTS is the business of the https proxy in front, for its whole domain; not of this page.
      strictTransportSecurity: false,
    }),
  )
  app.use(compress())
  // Read-only: nothing but GET (and HEAD, which Hono answers from GET) is served.
  app.use(async (c, next) => (['GET', 'HEAD'].includes(c.req.method) ? next() : refuse(c, 'read-only')))
  app.use(async (c, next) => {
    await next()
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
  })

  const serve = (file: Asset) => (c: Context) => {
    c.header('Cache-Control', c.req.query('v') === file.version ? 'public, max-age=31536000, immutable' : 'no-cache')
    return c.body(file.body, 200, { 'Content-Type': file.type })
  }
  app.get('/board/board.css', serve(STYLESHEET))
  app.get('/board/icon.svg', serve(ICON))
  app.get('/favicon.ico', serve(ICON))

  const access: MiddlewareHandler = async (c, next) => {
    const fromLink = c.req.query('t')
    const token = fromLink ?? getCookie(c, ACCESS_COOKIE)
    if (token === undefined) return refuse(c, 'no-token')
    const now = d.clock.now()
    const check = checkBoardToken(d.secret, token, now)
    if (!check.valid) {
      if (fromLink === undefined) deleteCookie(c, ACCESS_COOKIE, { path: base })
      return refuse(c, check.reason)
    }
    if (fromLink === undefined) return next()
    // A link was opened: keep its token in a cookie and take it out of the address bar, so that a
    // page forwarded or photographed from the screen carries no key.
    setCookie(c, ACCESS_COOKIE, token, {
      path: base,
      httpOnly: true,
      secure: publicUrl.protocol === 'https:',
      sameSite: 'Lax',
      maxAge: Math.max(1, Math.floor((check.expiresAt.getTime() - now.getTime()) / 1000)),
    })
    const params = new URLSearchParams(c.req.query())
    params.delete('t')
    const rest = params.toString()
    return c.redirect(`${base}${c.req.path.slice('/board'.length)}${rest === '' ? '' : `?${rest}`}`, 303)
  }
  app.use('/board', access)
  app.use('/board/*', access)

  app.get('/board', async (c) => {
    const query = statusQuery()
    const filters = readOverviewFilters((name) => c.req.query(name))
    const overview = await listProjectOverview(d.db, query, filters.team)
    // Red and yellow count working days up to three weeks ahead: a provisional year there makes them 暂定.
    const provisionalYears = d.rules.calendar.provisionalYearsBetween(query.today, addDays(query.today, YELLOW_HORIZON_DAYS))
    return page(c, overviewPage(ctx, overviewModel({ overview, filters, today: query.today, thresholds: query.thresholds, teams: d.rules.teams, provisionalYears })))
  })

  app.get('/board/p/:id{[0-9]{1,9}}', async (c) => {
    const id = Number(c.req.param('id'))
    const query = statusQuery()
    const status = await getProjectStatus(d.db, id, query)
    if (!status) return refuse(c, 'not-found')
    const model = projectModel({
      status,
      progress: await listProgressHistory(d.db, id),
      histories: await listIssueHistories(d.db, id),
      open: await listOpenIssues(d.db, { projectId: id, today: query.today, calendar: query.calendar }),
      today: query.today,
      timeZone: d.rules.timeZone,
      thresholds: query.thresholds,
      teams: d.rules.teams,
      photos: d.dataDir === undefined ? [] : await listProjectPhotos(d.db, id, 200),
    })
    return page(c, projectPage(ctx, model))
  })

  // A photo by its SHA-256, only while it is live in the ledger (a recalled one is gone).
  app.get('/board/photo/:sha{[0-9a-f]{64}}', async (c) => {
    const sha256 = c.req.param('sha')
    const photo = d.dataDir === undefined ? undefined : await findLivePhoto(d.db, sha256)
    if (!photo || d.dataDir === undefined) return refuse(c, 'not-found')
    const body = await readFile(photoPath(d.dataDir, sha256)).catch(() => undefined)
    if (!body) return refuse(c, 'not-found')
    // The same name is always the same picture: the browser may keep it, privately, for a day.
    c.header('Cache-Control', 'private, max-age=86400')
    return c.body(new Uint8Array(body), 200, { 'Content-Type': photo.mime, 'X-Content-Type-Options': 'nosniff' })
  })

  app.get('/board/team/:category', async (c) => {
    const category = c.req.param('category')
    if (!isCategory(category)) return refuse(c, 'not-found')
    const day = today()
    const since = firstOfLastWorkingDays(d.rules.calendar, day, CLOSED_WORKING_DAYS)
    const model = teamModel({
      category,
      teams: d.rules.teams,
      today: day,
      open: await listOpenIssues(d.db, { today: day, calendar: d.rules.calendar }),
      since,
      closed: await listResolvedSince(d.db, { category, since }),
    })
    return page(c, teamPage(ctx, model))
  })

  app.get('/board/weekly', async (c) => {
    const day = today()
    return page(c, weeklyPage(ctx, await buildWeeklyFacts(d.db, weekMonday(day), d.rules), day))
  })

  app.notFound((c) => refuse(c, 'not-found'))
  app.onError((error, c) => {
    // A year missing from the holiday calendar is said as it is: an admin has to add it (README).
    if (error instanceof CalendarYearMissingError) return refuse(c, 'unavailable', error.message)
    d.log.error(`督办白板处理 ${c.req.method} ${c.req.path} 时出错：${error.stack ?? String(error)}`)
    return refuse(c, 'unavailable')
  })
  return app
}

const isCategory = (word: string): word is Category => (CATEGORIES as readonly string[]).includes(word)
