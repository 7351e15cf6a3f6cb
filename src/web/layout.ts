import type { LocalDate } from '../calendar/local-date.ts'
import { dayLabel } from '../text/digest.ts'
import { html, type Html } from './html.ts'

/** Where the board's pages and files are, as the browser sees them (behind a proxy, under BOARD_URL's path). */
export interface PageContext {
  /** The overview: "/board", or "/duban/board" under BOARD_URL https://example.gov.cn/duban. */
  base: string
  /** The stylesheet, its address carrying a hash of its content so browsers may keep it. */
  stylesheet: string
  icon: string
}

export interface Page {
  title: string
  body: Html
  /** The day the page speaks of; absent on the pages that refuse access. */
  today?: LocalDate
}

/** The document around every page: no script anywhere, one stylesheet, nothing inline. */
export function layout(ctx: PageContext, page: Page): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · 督办白板</title>
<link rel="stylesheet" href="${ctx.stylesheet}">
<link rel="icon" href="${ctx.icon}" type="image/svg+xml">
</head>
<body>
<header class="top"><a class="home" href="${ctx.base}">督办白板</a> <a href="${ctx.base}/weekly">周通报</a>${page.today ? html`<span class="day">${dayLabel(page.today, false)}</span>` : ''}</header>
<main>
${page.body}
</main>
<footer>只读页面 · 数据来自各项目群的聊天记录</footer>
</body>
</html>
`
}
