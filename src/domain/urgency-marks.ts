import type { Urgency } from './sla.ts'

/** The same marks as the bot's /issues and /status, so a leader reads one code everywhere. */
export const URGENT_MARK: Record<Urgency, string> = { red: '🔴', yellow: '🟡', green: '🟢' }
