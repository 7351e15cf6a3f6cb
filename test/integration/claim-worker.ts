/**
 * A sender in a process of its own, for outbox-claims.test.ts: claims the due items of the given
 * groups on the database under its token, marks each sent, until nothing is left; prints the ids
 * it took as JSON.
 */
import { claimDueOutboxItems, markOutboxSent, openDatabase } from '../../src/store/index.ts'

const [path, owner, ...rooms] = process.argv.slice(2) as [string, string, ...string[]]
const db = openDatabase(path, { busyTimeoutMs: 5_000 })
const taken: number[] = []
for (let idle = 0; idle < 3; ) {
  let any = false
  for (const id of rooms) {
    const now = new Date()
    const items = await claimDueOutboxItems(db, { kind: 'room', id }, now, 3, owner, new Date(now.getTime() + 60_000))
    for (const item of items) {
      taken.push(item.id)
      // A send takes a while: the other sender runs meanwhile.
      await new Promise((r) => setTimeout(r, 1))
      await markOutboxSent(db, item.id, new Date())
    }
    any ||= items.length > 0
  }
  idle = any ? 0 : idle + 1
}
await db.destroy()
process.stdout.write(JSON.stringify(taken))
