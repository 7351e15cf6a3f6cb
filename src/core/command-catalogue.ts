import type { CommandDefinition } from './command.ts'

export interface CommandCatalogue {
  /** The command a word names, by name or alias, any case: `STATUS`, `状态`. */
  find(word: string): CommandDefinition | undefined
  /** The command whose name or alias is closest to a typo: `/stauts` → /status; none when nothing is close. */
  nearest(word: string): CommandDefinition | undefined
}

export function commandCatalogue(commands: readonly CommandDefinition[]): CommandCatalogue {
  const byWord = new Map<string, CommandDefinition>()
  for (const c of commands) for (const word of [c.name, ...c.aliases]) byWord.set(word.toLowerCase(), c)
  return {
    find: (word) => byWord.get(word.toLowerCase()),
    nearest(word) {
      let best: { c: CommandDefinition; d: number } | undefined
      for (const [w, c] of byWord) {
        const d = editDistance(word.toLowerCase(), w)
        if (!best || d < best.d) best = { c, d }
      }
      return best && best.d <= Math.max(1, Math.floor(word.length / 2)) ? best.c : undefined
    },
  }
}

/** Edit distance, for "did you mean /status?" on a typo. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}
