import type { Wechaty } from 'wechaty'
import type { Contact } from '../domain/reminders.ts'
import type { OutboxTarget } from '../store/index.ts'

/** What the jobs ask WeChat (their `Directory`): group members, and recipients by name. */
export interface WechatyDirectory {
  roomMembers(roomId: string): Promise<Contact[]>
  findRecipient(name: string): Promise<OutboxTarget | null>
  /** A group's topic or a person's name, as WeChat shows it now; the id itself when WeChat cannot say. */
  nameOf(target: OutboxTarget): Promise<string>
}

export function wechatyDirectory(wechaty: Wechaty): WechatyDirectory {
  const puppet = () => wechaty.puppet
  return {
    async roomMembers(roomId: string): Promise<Contact[]> {
      const ids = await puppet().roomMemberList(roomId)
      return Promise.all(ids.map(async (id) => ({ id, name: (await puppet().contactPayload(id)).name })))
    },
    async findRecipient(name: string): Promise<OutboxTarget | null> {
      // DIGEST_RECIPIENTS names a group by its topic ("【督办】领导群") or a person by name, alias or id.
      const [roomId] = await puppet().roomSearch({ topic: name })
      if (roomId) return { kind: 'room', id: roomId }
      for (const query of [{ name }, { alias: name }, { id: name }]) {
        const [contactId] = await puppet().contactSearch(query)
        if (contactId) return { kind: 'contact', id: contactId }
      }
      return null
    },
    async nameOf(target: OutboxTarget): Promise<string> {
      try {
        return target.kind === 'room' ? (await puppet().roomPayload(target.id)).topic : (await puppet().contactPayload(target.id)).name
      } catch {
        return target.id
      }
    },
  }
}
