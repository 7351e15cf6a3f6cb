import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** A file the board serves to anyone: it holds no data. */
export interface Asset {
  body: string
  type: string
  /** A hash of the content, put in the address so a browser may keep the file for good. */
  version: string
}

function asset(name: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')
  return { body, type, version: createHash('sha256').update(body).digest('base64url').slice(0, 12) }
}

export const STYLESHEET = asset('board.css', 'text/css; charset=utf-8')
export const ICON = asset('icon.svg', 'image/svg+xml')
