import type { Clock } from '../clock.ts'
import type { Logger } from '../log.ts'
import { keepAdminId, listAdminIds, type Db } from '../store/index.ts'

/** A contact as WeChat lists it. */
export interface ContactSeen {
  id: string
  name: string
}

/** What the roster asks WeChat: whether an id is a contact, and who goes by a name. */
export interface AdminLookup {
  contactName(id: string): Promise<string | undefined>
  contactsNamed(name: string): Promise<ContactSeen[]>
}

/** Who the admins are: WeChat ids, never display names. */
export interface AdminRoster {
  /** At start-up (logged in): each BOT_ADMINS entry as the id kept for it, or found now. */
  resolve(db: Db): Promise<void>
  /** Whether this person is an admin; a name not yet resolved is resolved at its first sight (in `db`). */
  isAdmin(person: ContactSeen, db: Db): Promise<boolean>
  /** The admins' ids, for telling them something (the stuck notice): names not resolved yet are looked for now. */
  recipients(db: Db): Promise<string[]>
  /**
   * BOT_ADMINS as it stands now, for what reads the list itself (the jobs: the digest, its notice
   * to the admins): the ids resolved so far, and the names still waiting for their first sight;
   * never a name two contacts share.
   */
  listed(): string[]
}

/**
 * BOT_ADMINS lists names (李科长) or WeChat ids. A name is tied to the one contact that has it when
 * the bot first looks (at start-up, or when someone of that name first writes to it), that id is
 * kept in the database and logged, and from then on only that id is the admin: a second contact who
 * takes the name later, or the first renamed, changes nothing. A name two contacts share is refused
 * with both listed, until BOT_ADMINS names one of them by id.
 */
export function createAdminRoster(o: { entries: readonly string[]; lookup: AdminLookup; clock: Clock; log: Logger }): AdminRoster {
  const ids = new Set<string>()
  /** Entries not tied to an id yet: resolved at start-up, or at first sight. */
  const pending = new Set(o.entries)
  /** Names two or more contacts share: refused, logged once. */
  const refused = new Set<string>()

  /** Ties `entry` to the id kept for it, else to the one contact of that name; false when none or several have it. */
  const tie = async (entry: string, db: Db): Promise<boolean> => {
    const kept = (await listAdminIds(db)).get(entry)
    if (kept !== undefined) {
      pending.delete(entry)
      ids.add(kept)
      return true
    }
    const found = await o.lookup.contactsNamed(entry)
    if (found.length > 1) {
      pending.delete(entry)
      refused.add(entry)
      o.log.error(
        `BOT_ADMINS 中的「${entry}」同时是 ${found.length} 个联系人的名字：${found.map((c) => `${c.name}（${c.id}）`).join('、')}；无法确定是谁，不授予管理员权限。请在 BOT_ADMINS 中改写成其中一人的微信 id`,
      )
      return false
    }
    const [one] = found
    if (!one) return false
    await keepAdminId(db, entry, one.id, o.clock.now())
    pending.delete(entry)
    ids.add(one.id)
    o.log.info(`BOT_ADMINS 中的「${entry}」已认定为微信 id ${one.id}：此后只认这个 id，改名或同名的其他联系人都不是管理员`)
    return true
  }

  return {
    async resolve(db) {
      const kept = await listAdminIds(db)
      for (const entry of [...pending]) {
        const id = kept.get(entry)
        if (id !== undefined) {
          ids.add(id)
          pending.delete(entry)
        } else if ((await o.lookup.contactName(entry)) !== undefined) {
          // A WeChat id in BOT_ADMINS: ids do not change.
          ids.add(entry)
          pending.delete(entry)
        } else {
          await tie(entry, db)
        }
      }
    },
    async isAdmin(person, db) {
      if (ids.has(person.id)) return true
      if (pending.delete(person.id)) {
        ids.add(person.id)
        return true
      }
      if (!pending.has(person.name)) return false
      return (await tie(person.name, db)) && ids.has(person.id)
    },
    listed: () => [...ids, ...pending],
    async recipients(db) {
      for (const entry of [...pending]) await tie(entry, db)
      return [...ids]
    },
  }
}
