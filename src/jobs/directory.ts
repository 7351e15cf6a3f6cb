import type { Contact } from '../domain/reminders.ts'

/** Where a text goes: a group or a person. */
export interface Recipient {
  kind: 'room' | 'contact'
  id: string
}

/**
 * What the jobs need to know about WeChat that the store does not: who is in a group now, and
 * which group or contact a name in DIGEST_RECIPIENTS means. The bot implements it over Wechaty.
 */
export interface Directory {
  roomMembers(roomId: string): Promise<Contact[]>
  /** A group whose topic is `name`, else a contact with that name, alias or id; null when none. */
  findRecipient(name: string): Promise<Recipient | null>
}
