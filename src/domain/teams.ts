import { z } from 'zod'
import { CATEGORIES, type Category } from '../parse/types.ts'

/** A special work team (专班): the name officials know it by, and whom to @mention for its issues. */
export interface Team {
  name: string
  /** WeChat display names or contact ids of the team's liaison(s) (联络员); empty when none is set. */
  liaisons: string[]
}

export type Teams = Record<Category, Team>

/** The eight teams of SPEC.md; `data/teams.json` ships the same, and a city edits its own copy. */
const DEFAULT_TEAM_NAMES: Record<Category, string> = {
  land: '土地工作专班',
  finance: '金融工作专班',
  approval: '项目审批验收服务专班',
  labour: '用工保障专班',
  safety: '工程施工安全监督专班',
  infrastructure: '增资扩产和园区建设专班',
  environment: '环保能耗配套和审批专班',
  other: '产业项目兜底服务专班',
}

/** One value per category; `Object.fromEntries` cannot know that every category is there. */
function byCategory<T>(value: (category: Category) => T): Record<Category, T> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, value(c)])) as Record<Category, T>
}

export const DEFAULT_TEAMS: Teams = byCategory((c) => ({ name: DEFAULT_TEAM_NAMES[c], liaisons: [] }))

const teamSchema = z.strictObject({
  name: z.string({ error: '专班名称应为文字' }).trim().min(1, '专班名称不能为空').optional(),
  liaisons: z.array(z.string({ error: '联络员应为文字' }).trim().min(1, '联络员名字不能为空'), { error: '联络员应写成列表，例如 ["王科长"]' }).optional(),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段 ${issue.keys.join('、')}（只能有 name 和 liaisons）` : '每个专班应写成 { "name": …, "liaisons": […] }') })

/**
 * The file: `{ "teams": { "land": { "name": "土地工作专班", "liaisons": ["王科长", "wxid_abc"] } } }`.
 * Teams left out, or fields left out, keep their defaults, so a city writes only what it changes;
 * an unknown team key is an error (a typo such as "lands" would otherwise be silently ignored).
 */
const fileSchema = z.strictObject(
  {
    teams: z.partialRecord(z.enum(CATEGORIES), teamSchema, {
      // A partial record reports a key outside the enum as unrecognized_keys, which its types omit.
      error: (issue) => {
        const keys = (issue as { keys?: string[] }).keys
        return keys ? `不认识的专班代码 ${keys.join('、')}（只能是 ${CATEGORIES.join('、')}）` : '缺少 "teams"，文件应形如 { "teams": { "land": { … } } }'
      },
    }),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不认识的字段 ${issue.keys.join('、')}（顶层只能有 teams）` : '文件应形如 { "teams": { "land": { … } } }') },
)

/** Reads a parsed teams file; throws one error listing every problem, naming `source`. */
export function parseTeams(json: unknown, source = '专班文件'): Teams {
  const result = fileSchema.safeParse(json)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '（顶层）'}：${i.message}`)
    throw new Error(`${source} 有误：${problems.join('；')}`)
  }
  const teams = { ...DEFAULT_TEAMS }
  for (const category of CATEGORIES) {
    const given = result.data.teams[category]
    if (!given) continue
    teams[category] = { name: given.name ?? DEFAULT_TEAMS[category].name, liaisons: given.liaisons ?? [] }
  }
  return teams
}
