import type { Category } from '../parse/types.ts'
import type { Contact } from './reminders.ts'
import type { Teams } from './teams.ts'

export interface LiaisonToMention {
  contact: Contact
  category: Category
}

/**
 * Whom a group's list of open issues @mentions: the liaisons of the teams concerned who are members
 * of the group now, each once, in the order of the issues' teams. A liaison is written in the
 * teams file as a WeChat name or a contact id: "王科长" or "wxid_abc123".
 */
export function liaisonsInGroup(
  categories: Iterable<Category>,
  teams: Teams,
  members: readonly Contact[],
): LiaisonToMention[] {
  const found: LiaisonToMention[] = []
  for (const category of new Set(categories)) {
    for (const liaison of teams[category].liaisons) {
      const member = members.find((m) => m.id === liaison || m.name === liaison)
      if (!member || found.some((f) => f.contact.id === member.id)) continue
      found.push({ contact: member, category })
    }
  }
  return found
}
