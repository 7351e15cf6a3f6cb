import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// docs/ARCHITECTURE.md is the map a newcomer follows: every file and folder it names must be there.
const root = resolve(import.meta.dirname, '../..')
const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8')

/** Every file of the repository besides dependencies and data, as paths from the root. */
function listFiles(dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'data', 'coverage'].includes(entry.name) || entry.name.startsWith('.')) return []
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`
    return entry.isDirectory() ? [`${path}/`, ...listFiles(path)] : [path]
  })
}
const files = listFiles()

/** `src/web/*-model.ts`, `commands/<name>.ts`: a wildcard or a placeholder stands for one name part. */
function pattern(path: string): RegExp {
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*|<[^>]+>/g, '[^/]+')
  return new RegExp(`(?:^|/)${escaped}$`)
}

/** The paths the document names: a path from the root anywhere in it, or a file name in backquotes. */
function namedPaths(): string[] {
  const fromRoot = doc.match(/(?<![\w/.-])(?:src|commands|test|bench|docs)\/[\w\-.*<>/]*/g) ?? []
  const inQuotes = [...doc.matchAll(/`([^`\s]+\.(?:ts|js|css|md|json))`/g)].map((m) => m[1]!)
  return [...new Set([...fromRoot, ...inQuotes].map((p) => p.replace(/[.,;:]+$/, '')))]
}

describe('docs/ARCHITECTURE.md', () => {
  it('names paths at all (the reader below finds them)', () => {
    expect(namedPaths()).toEqual(expect.arrayContaining(['src/core/router.ts', 'src/store/', 'commands/<name>.ts', 'prepared.ts']))
  })

  it.each(namedPaths())('names %s, which exists', (path) => {
    const rooted = /^(?:src|commands|test|bench|docs)\//.test(path)
    const found = rooted && !/[*<]/.test(path) ? existsSync(join(root, path)) : files.some((f) => pattern(path).test(f))
    expect(found, `${path} is named in docs/ARCHITECTURE.md but is not in the repository`).toBe(true)
  })
})
