import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The board's access token: an expiry and an HMAC-SHA256 of it under the board's secret,
 * "1765432100.<43 base64url characters>". Whoever holds a valid one may read the board until it
 * expires; nothing else is in it, so a token says nothing about the ledger.
 */
export type TokenCheck = { valid: true; expiresAt: Date } | { valid: false; reason: 'forged' | 'expired' }

const SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/u

function signature(secret: string, expirySeconds: number): Buffer {
  return createHmac('sha256', secret).update(`duban-board:${expirySeconds}`).digest()
}

export function signBoardToken(secret: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000)
  return `${expiry}.${signature(secret, expiry).toString('base64url')}`
}

/** The signature first (in constant time), then the expiry: a forged token is forged, expired or not. */
export function checkBoardToken(secret: string, token: string, now: Date): TokenCheck {
  const m = SHAPE.exec(token)
  if (!m) return { valid: false, reason: 'forged' }
  const expiry = Number(m[1])
  const given = Buffer.from(m[2]!, 'base64url')
  // The 43rd character carries two bits the decoder drops ('…A' and '…B' decode alike): only the
  // one spelling the signer wrote is accepted, so a token has one form and a changed one never passes.
  if (given.toString('base64url') !== m[2]) return { valid: false, reason: 'forged' }
  const expected = signature(secret, expiry)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'forged' }
  const expiresAt = new Date(expiry * 1000)
  return expiresAt > now ? { valid: true, expiresAt } : { valid: false, reason: 'expired' }
}
