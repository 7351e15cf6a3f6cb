import { CharacterGate, isOpen, noneOpen } from './required-chars.ts'
import type { Stage } from './types.ts'

/** The papers that say the land is the project's: "不动产权证", "土地使用权". */
const LAND_PAPERS = '(?:土地使用权|不动产权证|土地证|不动产证)'

/**
 * Words that say a milestone has been reached. Whether it really has (and is not planned,
 * negated or hypothetical) is decided by the clause around it, in clauses.ts.
 */
export const STAGE_PATTERNS: readonly (readonly [Stage, RegExp])[] = [
  // 正式签约, 落户签约, 签订投资协议, 签署合作协议 — not 签字 or 签采购意向, and not the signings of
  // relocation, compensation, loans or land sales (拆迁户签约159户, 签订贷款协议): those are no investment
  ['signed', /签约(?!\d|[一二两三四五六七八九十百]+户|率)|签(?:订|署)(?:(?!拆迁|征收|补偿|贷款|借款|担保|出让|租赁|采购|安置)[^,，。]){0,6}协议/],
  // 完成供地, 摘牌, 挂牌成交, 招拍挂完成, 拿到地, 取得不动产权证 / 土地使用权 / 土地证
  // (不动产权证也办好了: the certificate may come first)
  ['land', new RegExp([
    '完成供地|已供地|供地完成|摘牌|挂牌成交|招拍挂(?:已|已经)?完成|完成(?:土地)?招拍挂|拿到(?:了)?地|土地[^,，。]{0,4}成交',
    `(?:取得|拿到|办好|领到)[^,，。]{0,8}${LAND_PAPERS}`,
    `${LAND_PAPERS}[^,，。没未不]{0,3}(?:已经|已)?(?:办好|拿到|取得|办下来|领到|到手|颁发|核发|发放)`,
  ].join('|'))],
  // 竣工了, 竣工验收(顺利)通过, 通过/完成竣工验收, 全面完工 — not 竣工验收资料
  ['completion', /全面完工|(?:通过|完成)[^,，。]{0,4}竣工验收|竣工验收[^,，。资材]{0,6}(?:通过|合格)|竣工(?!验收|资料|备案|决算|图|投产)|竣工投产/],
  // 正式投产, 试生产, 试产, 投入生产 — not 投产后 (a time, not an event)
  // and the first product off the line: 首台车正式下线, 生产线点火成功
  ['production', /投产(?!后|以后|之后)|试产|试生产|投入生产|(?:首台|首辆|首批|第一台)[^,，。]{0,8}下线|点火成功/],
  // 动工, 开工, 破土, 奠基, 进场施工, 开始施工 — not 复工, 停工, 新开工项目, 动工项目 (a kind of project)
  ['construction', /(?<!新)动工(?!项目)|(?<![复停新])开工(?!项目|业)|破土|奠基|进场施工|开始施工|全面施工|正式施工/],
]

export interface StageMention {
  stage: Stage
  index: number
  end: number
}

/** A signing that is not the investment agreement: "最后一户尾留户成功签约", "拆迁户签约159户". */
const OTHER_SIGNING = /征收|征迁|拆迁|搬迁|补偿|安置|贷款|借款|担保|留户|\d+户/

/** A part of the works before "开始施工": "1号厂房承台开始施工" is the works going on, not the project starting. */
const PART_OF_WORKS = /(?:承台|桩基|基础|主体|钢结构|屋面|装修|管网|道路|围墙|土方|地坪|外墙|幕墙|设备|安装)[^,，。]{0,4}$/

/** Only the patterns whose needed characters the clause holds run: "主体结构完成60%" runs none,
 *  "项目正式签约" the signing one. */
export const STAGE_GATE = new CharacterGate(STAGE_PATTERNS.map(([, pattern]) => pattern.source))

/** Stage words in a clause, in the order they stand. */
export function findStages(clause: string): StageMention[] {
  const open = STAGE_GATE.open(clause)
  if (noneOpen(open)) return []
  const found: StageMention[] = []
  for (let p = 0; p < STAGE_PATTERNS.length; p++) {
    if (!isOpen(open, p)) continue
    const [stage, pattern] = STAGE_PATTERNS[p]!
    const m = pattern.exec(clause)
    if (!m || (stage === 'signed' && OTHER_SIGNING.test(clause))) continue
    if (stage === 'construction' && /^(?:开始|进场|全面|正式)施工$/u.test(m[0]) && PART_OF_WORKS.test(clause.slice(0, m.index))) continue
    found.push({ stage, index: m.index, end: m.index + m[0].length })
  }
  return found.sort((a, b) => a.index - b.index)
}
