import { html, type Html } from './html.ts'
import { layout, type PageContext } from './layout.ts'

/** Why the board shows no data: each answer says what to do, and nothing about the ledger. */
export type Refusal = 'no-token' | 'forged' | 'expired' | 'not-found' | 'read-only' | 'unavailable'

const ASK = '请在微信里私聊督办助手发送 /白板（仅管理员可用），用收到的链接打开。'

export const REFUSALS: Record<Refusal, { status: 401 | 403 | 404 | 405 | 500; title: string; text: string }> = {
  'no-token': { status: 401, title: '需要访问链接', text: `督办白板只对督办助手发出的链接开放。${ASK}` },
  forged: { status: 403, title: '链接无效', text: `这个链接不是督办助手发出的，或者被改动过。${ASK}` },
  expired: { status: 403, title: '链接已过期', text: `白板链接有时效，这个已经过期。${ASK}` },
  'not-found': { status: 404, title: '没有这个页面', text: '请从总览进入。' },
  'read-only': { status: 405, title: '白板只能查看', text: '白板是只读的，不能在这里修改。进度和问题请在项目群里说，或用群命令。' },
  unavailable: { status: 500, title: '白板暂时无法显示', text: '出了点问题，已记录日志。请稍后再试。' },
}

/** The page for a refusal; `detail` replaces the standard text when the cause is worth telling (a missing calendar year). */
export function refusalPage(ctx: PageContext, refusal: Refusal, detail?: string): Html {
  const r = REFUSALS[refusal]
  return layout(ctx, { title: r.title, body: html`<h1>${r.title}</h1>\n<p class="summary">${detail ?? r.text}</p>` })
}
