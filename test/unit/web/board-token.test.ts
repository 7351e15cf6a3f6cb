import { describe, expect, it } from 'vitest'
import { checkBoardToken, signBoardToken } from '../../../src/web/board-token.ts'

const SECRET = 'a-secret-of-at-least-thirty-two-chars'
const now = new Date('2026-12-01T08:00:00Z')
const inAWeek = new Date('2026-12-08T08:00:00Z')

describe('board tokens', () => {
  it('holds an expiry and its HMAC, and is valid until then', () => {
    const token = signBoardToken(SECRET, inAWeek)
    expect(token).toMatch(/^1796716800\.[\w-]{43}$/)
    expect(checkBoardToken(SECRET, token, now)).toEqual({ valid: true, expiresAt: inAWeek })
    expect(checkBoardToken(SECRET, token, new Date(inAWeek.getTime() - 1))).toMatchObject({ valid: true })
  })

  it('is expired from its expiry on', () => {
    const token = signBoardToken(SECRET, inAWeek)
    expect(checkBoardToken(SECRET, token, inAWeek)).toEqual({ valid: false, reason: 'expired' })
  })

  it('is forged when signed with another secret, its expiry moved, its signature changed, or malformed', () => {
    const token = signBoardToken(SECRET, inAWeek)
    const [expiry, signature] = token.split('.') as [string, string]
    const later = `${Number(expiry) + 86_400}.${signature}`
    const flipped = `${expiry}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`
    // The last character's two low bits are not part of the signature; another spelling is still refused.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const respelt = `${expiry}.${signature.slice(0, -1)}${alphabet[alphabet.indexOf(signature.at(-1)!) ^ 1]}`
    expect(Buffer.from(respelt.split('.')[1]!, 'base64url')).toEqual(Buffer.from(signature, 'base64url'))
    for (const bad of [signBoardToken('another-secret-of-thirty-two-chars!', inAWeek), later, flipped, respelt, '', 'abc', `${expiry}.`, `${token}x`]) {
      expect(checkBoardToken(SECRET, bad, now)).toEqual({ valid: false, reason: 'forged' })
    }
    // A forged token says forged even when its expiry is past: nothing is told about a real one.
    expect(checkBoardToken('another-secret-of-thirty-two-chars!', token, new Date('2027-01-01'))).toEqual({ valid: false, reason: 'forged' })
  })
})
