import { html as honoHtml } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/** Markup: every interpolated string is escaped, nested markup and arrays of it are kept as they are. */
export type Html = HtmlEscapedString

/**
 * Hono's `html` tag, kept synchronous: the board never interpolates a promise, so a page is a
 * plain string, built by pure functions and measured in bytes.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = honoHtml(strings, ...values)
  if (out instanceof Promise) throw new Error('board markup must not interpolate a promise')
  return out
}
