import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { createBoardApp, type BoardDeps } from './board-app.ts'
import { signBoardToken } from './board-token.ts'

/** The whiteboard's settings (WEB_HOST, WEB_PORT, BOARD_URL, BOARD_SECRET, BOARD_LINK_DAYS). */
export interface BoardSettings {
  host: string
  port: number
  /** The address people open, without a trailing slash: BOARD_URL, or http://WEB_HOST:WEB_PORT. */
  publicUrl: string
  /** BOARD_SECRET; when absent, a secret is generated once and kept in the database. */
  secret: string | undefined
  linkDays: number
}

/** A link to the board and when it stops working. */
export interface BoardLink {
  url: string
  expiresAt: Date
}

const DAY_MS = 86_400_000

/** A signed link to the overview, valid `linkDays` days from `now`. */
export function boardLink(settings: Pick<BoardSettings, 'publicUrl' | 'linkDays'>, secret: string, now: Date): BoardLink {
  const expiresAt = new Date(now.getTime() + settings.linkDays * DAY_MS)
  return { url: `${settings.publicUrl}/board?t=${signBoardToken(secret, expiresAt)}`, expiresAt }
}

/** The board could not start: the message says why and what to change, in Chinese. */
export class BoardServerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BoardServerError'
  }
}

export interface BoardServer {
  /** The port it listens on: WEB_PORT, or the one the system chose when asked for 0. */
  port: number
  close(): Promise<void>
}

/** Starts serving the board on WEB_HOST:WEB_PORT; a port taken or refused is a BoardServerError. */
export async function startBoardServer(settings: BoardSettings, deps: Omit<BoardDeps, 'publicUrl'>): Promise<BoardServer> {
  const app = createBoardApp({ ...deps, publicUrl: settings.publicUrl })
  // Hono's Node adapter would otherwise replace the process's global Request and Response.
  const server: Server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }))
  const where = `${settings.host}:${settings.port}`
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new BoardServerError(startProblem(error, where), { cause: error })))
    server.listen(settings.port, settings.host, () => resolve())
  })
  deps.log.info(`督办白板已在 ${where} 提供网页，链接指向 ${settings.publicUrl}/board`)
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Browsers keep connections open; idle ones would hold the close up.
        server.closeIdleConnections()
      }),
  }
}

function startProblem(error: NodeJS.ErrnoException, where: string): string {
  const hint = '请在设置中换一个 WEB_PORT，或设 WEB_PORT=0 关闭白板。'
  switch (error.code) {
    case 'EADDRINUSE':
      return `白板无法启动：端口 ${where} 已被占用（可能另一个督办助手或其他程序正在使用）。${hint}`
    case 'EACCES':
      return `白板无法启动：没有权限使用端口 ${where}（1024 以下的端口需要管理员权限）。${hint}`
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `白板无法启动：本机没有地址 ${where}，请检查 WEB_HOST。`
    default:
      return `白板无法启动（${where}）：${error.message}`
  }
}
