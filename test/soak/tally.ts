import SQLite from 'better-sqlite3'
import type { WireHarness } from '../e2e/harness.ts'

/** One line of the soak's table. */
export interface Row {
  name: string
  /** Messages the people said. */
  messagesIn: number
  /** Of them, those whose payload the bot fetched from the service (it took them in). */
  delivered: number
  stored: number
  /** Confirmations owed: one per stored message (every soak message is a progress report). */
  repliesDue: number
  /** Confirmations that arrived, each counted once. */
  sent: number
  /** Confirmations that arrived more than once, counted per extra copy. */
  duplicated: number
  /** Delivered but not stored, or stored but never confirmed; at a kill -9, apart from `inFlight`. */
  lost: number
  /**
   * kill -9 only: delivered (the bot had fetched them from the service) and still not stored after
   * the restart: neither committed before the process died nor noted to be read again (Inbox.note).
   * The protocol has no acknowledgement and no redelivery: these are gone.
   */
  inFlight?: number | undefined
  /** From the fault's end (service back, lock released, disk freed, restart) to the first confirmation. */
  firstReplyAfterRecoveryMs?: number | undefined
  /** The longest any group waited from its first message to its first confirmation. */
  slowestGroupWaitMs?: number | undefined
  note?: string | undefined
}

/** A soak message: its id, its group, and the share whose confirmation ("已记录进度：k%") answers it. */
export interface Said {
  id: string
  roomId: string
  k: number
  at: number
}

/** What the far side sees of the bot: the payloads it fetched, and the texts it said in each group. */
export class FarSide {
  readonly fetched = new Set<string>()
  /** When the bot last asked for each message's payload (performance.now()): a restart reading it again shows here. */
  readonly lastFetchedAt = new Map<string, number>()

  constructor(readonly h: WireHarness) {
    const original = h.puppet.messagePayload.bind(h.puppet)
    h.puppet.messagePayload = async (id: string) => {
      this.fetched.add(id)
      this.lastFetchedAt.set(id, performance.now())
      return original(id)
    }
  }

  /** "3号楼主体结构完成3%": a progress report whose confirmation names its share alone. */
  say(member: Parameters<WireHarness['say']>[0], room: { id: string }, k: number): Said {
    const id = this.h.say(member, room as Parameters<WireHarness['say']>[1], `${k}号楼主体结构完成${k}%`)
    return { id, roomId: room.id, k, at: performance.now() }
  }

  /** How often each confirmation line has arrived, by group and share. */
  confirmations(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const s of this.h.said) {
      for (const line of s.text.split('\n')) {
        const m = /^已记录进度：(\d+)%$/u.exec(line)
        if (m) counts.set(`${s.conversationId}|${m[1]}`, (counts.get(`${s.conversationId}|${m[1]}`) ?? 0) + 1)
      }
    }
    return counts
  }

  /** For each confirmation line said more than once in this conversation, when its first copy went out. */
  repeated(conversationId: string): number[] {
    const first = new Map<string, number>()
    const again = new Set<string>()
    for (const s of this.h.said) {
      if (s.conversationId !== conversationId) continue
      for (const line of s.text.split('\n')) {
        if (!/^已记录进度：\d+%$/u.test(line)) continue
        if (first.has(line)) again.add(line)
        else first.set(line, s.at)
      }
    }
    return [...again].map((line) => first.get(line)!)
  }

  /** When the first confirmation of any of these messages arrived after `since` (performance.now()). */
  firstConfirmationAfter(said: readonly Said[], since: number): number | undefined {
    const wanted = new Set(said.map((s) => `${s.roomId}|${s.k}`))
    for (const s of this.h.said) {
      if (s.at < since) continue
      if (s.text.split('\n').some((line) => wanted.has(`${s.conversationId}|${/^已记录进度：(\d+)%$/u.exec(line)?.[1]}`))) return s.at
    }
    return undefined
  }

  /**
   * Waits until what the bot took in is stored and every stored message confirmed, and nothing has
   * moved for two seconds (a burst may still be on the wire), or the time is up.
   */
  async settle(databasePath: string, said: readonly Said[], timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs
    let last = ''
    let since = performance.now()
    while (performance.now() < deadline) {
      const stored = storedIds(databasePath, said)
      const counts = this.confirmations()
      const delivered = said.filter((s) => this.fetched.has(s.id))
      const confirmed = said.filter((s) => stored.has(s.id) && counts.has(`${s.roomId}|${s.k}`))
      const now = `${delivered.length}|${stored.size}|${confirmed.length}`
      if (now !== last) {
        last = now
        since = performance.now()
      }
      const complete = delivered.every((s) => stored.has(s.id)) && confirmed.length === stored.size
      if (complete && performance.now() - since >= 2_000) return
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  /** The row for these messages, as the database and the far side saw them. */
  tally(name: string, databasePath: string, said: readonly Said[], extra: Partial<Row> = {}, killed = false): Row {
    const stored = storedIds(databasePath, said)
    const counts = this.confirmations()
    const delivered = said.filter((s) => this.fetched.has(s.id))
    const confirmed = said.filter((s) => stored.has(s.id) && (counts.get(`${s.roomId}|${s.k}`) ?? 0) > 0)
    const uncommitted = delivered.filter((s) => !stored.has(s.id)).length
    return {
      name,
      messagesIn: said.length,
      delivered: delivered.length,
      stored: stored.size,
      repliesDue: stored.size,
      sent: confirmed.length,
      duplicated: said.reduce((n, s) => n + Math.max(0, (counts.get(`${s.roomId}|${s.k}`) ?? 0) - 1), 0),
      lost: (killed ? 0 : uncommitted) + (stored.size - confirmed.length),
      inFlight: killed ? uncommitted : undefined,
      ...extra,
    }
  }
}

/** The soak messages that are in the ledger (a second connection, read only). */
export function storedIds(databasePath: string, said: readonly Said[]): Set<string> {
  const db = new SQLite(databasePath, { readonly: true, fileMustExist: true })
  try {
    const ids = new Set((db.prepare('select wechat_id from messages').pluck().all() as string[]))
    return new Set(said.filter((s) => ids.has(s.id)).map((s) => s.id))
  } finally {
    db.close()
  }
}
