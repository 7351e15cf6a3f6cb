import type { Category } from './types.ts'

/**
 * Which special work team (专班) a piece of text is about, by keywords with weights: 3 for words
 * that name one team's business alone (青苗补偿, 环评), 2 for strong hints (贷款, 工人), 1 for
 * words several teams share (审批, 投诉). The teams overlap (用地红线 and 规划许可 in one
 * sentence), so the highest score wins and an earlier keyword breaks a tie.
 */
const KEYWORDS: Record<Category, Array<[string, number]>> = {
  land: [
    ['用地报批', 3], ['征地', 3], ['拆迁', 3], ['青苗', 3], ['土地指标', 3], ['林地', 3], ['农转用', 3],
    ['基本农田', 3], ['迁坟', 3], ['宅基地', 3], ['没拆', 3], ['未拆', 3], ['拆除', 2], ['补划', 3], ['压覆', 3], ['采矿权', 3], ['考古', 3], ['土地证', 3], ['不动产权证', 2], ['红线', 2], ['供地', 2], ['用地', 2],
    ['土地', 2], ['补偿', 2], ['坟', 2], ['地块', 1], ['村民', 1], ['摘牌', 1], ['出让', 1], ['国土', 1],
    ['自然资源', 1], ['签字', 1], ['占地', 2], ['耕地', 3], ['地价', 2],
  ],
  finance: [
    ['融资', 3], ['贷款', 3], ['资金缺口', 3], ['资金不到位', 3], ['担保', 3], ['授信', 3], ['放款', 3],
    ['抵押', 2], ['资金', 2], ['银行', 2], ['设备款', 2], ['工程款', 2], ['垫资', 2], ['欠款', 2],
    ['资金链', 3], ['还款', 2], ['利息', 2], ['拨款', 2], ['预算', 1], ['超支', 2],
  ],
  approval: [
    ['规划许可', 3], ['施工许可', 3], ['报建', 3], ['图审', 3], ['消防验收', 3], ['规划核实', 3],
    ['消防专篇', 3], ['绿色通道', 2], ['竣工验收', 2], ['备案', 2], ['出证', 2], ['办证', 2], ['测绘', 2],
    ['许可证', 1], ['审批', 1], ['消防', 1], ['立项', 2], ['核准', 2], ['验收', 1], ['审图', 3], ['道路通行证', 3],
    ['报批', 2], ['规划局', 2], ['注册证', 3], ['变更', 1], ['核查', 1], ['复审', 2], ['告知承诺', 3], ['减免税', 2], ['海关', 2], ['确认书', 2],
  ],
  labour: [
    ['招工', 3], ['缺工', 3], ['用工', 3], ['技术工人', 3], ['人才招聘', 3], ['招不到', 3], ['返岗', 3], ['技工', 2], ['到岗', 2], ['要招', 3], ['招人', 3], ['定向培养', 2], ['订单班', 2], ['用人', 2], ['健康证', 2], ['持证上岗', 2],
    ['操作工', 3], ['钢筋工', 3], ['木工', 3], ['焊工', 3], ['劳动力', 3], ['招聘', 2], ['工人', 2],
    ['电工', 2], ['人手', 2], ['工资', 2], ['员工', 1], ['普工', 3], ['农民工', 2],
  ],
  safety: [
    ['安全隐患', 3], ['施工安全', 3], ['高支模', 3], ['事故', 3], ['塌方', 3], ['坍塌', 3], ['临边防护', 3],
    ['脚手架', 3], ['安监', 3], ['隐患', 2], ['整改', 2], ['安全', 2], ['塔吊', 2], ['摔', 2], ['边坡', 2],
    ['专家论证', 2], ['吊物', 2], ['加固', 1], ['基坑', 1], ['伤', 1], ['防护', 1],
    ['中暑', 3], ['晕倒', 2], ['质量', 2], ['漏水', 2], ['裂缝', 2], ['伤亡', 3],
    ['危险化学品', 3], ['防爆', 3], ['泄漏', 3], ['安全设施', 3], ['可燃气体', 3], ['警戒', 2], ['压力容器', 3], ['特种设备', 3], ['吊篮', 2],
  ],
  infrastructure: [
    ['三通一平', 3], ['场地平整', 3], ['道路', 3], ['修路', 3], ['供水', 3], ['供电', 3], ['用电', 3],
    ['迁改', 3], ['燃气', 3], ['用气', 3], ['天然气', 3], ['通信', 3], ['基站', 3], ['排水', 3], ['管网', 3],
    ['变压器', 3], ['临时水', 3], ['用水', 3], ['高压铁塔', 3], ['高压线', 2], ['通车', 2], ['场平', 2],
    ['信号', 2], ['专线', 2], ['污水', 2], ['跳闸', 2], ['水电', 2], ['电力', 2], ['路面', 2], ['供热', 3],
    ['蒸汽', 2], ['停电', 3], ['积水', 2], ['排水沟', 3], ['接入', 1], ['园区建设', 2], ['水管', 3], ['断头路', 3], ['网络', 1],
    ['业扩', 3], ['增容', 3], ['光缆', 3], ['光纤', 3], ['专线', 2],
    ['修通', 3], ['路基', 3], ['沥青', 3], ['便道', 3], ['绕行', 2], ['送电', 3], ['箱变', 3], ['公路', 3], ['停水', 3], ['照明', 2], ['路灯', 2],
  ],
  environment: [
    ['环评', 3], ['能评', 3], ['排污许可', 3], ['能耗', 3], ['扬尘', 3], ['噪音', 3], ['噪声', 3],
    ['污染', 3], ['节能', 3], ['环保', 2], ['裸土', 2], ['排放', 2], ['环境', 2], ['投诉', 1], ['碳排放', 3], ['异味', 3],
    ['粉尘', 3], ['沙尘', 3], ['灰尘', 3], ['夜间施工', 2], ['扰民', 2], ['喇叭', 2], ['气味', 3], ['臭气', 3], ['臭味', 3], ['刺鼻', 3], ['渣土', 3], ['辐射', 3],
  ],
  other: [
    ['产业链', 3], ['供应链', 3], ['政策兑现', 3], ['兑现', 3], ['人才住房', 3], ['人才公寓', 3],
    ['子女入学', 3], ['入学', 3], ['入园', 3], ['入托', 3], ['子女', 2], ['对接', 1], ['代建', 2], ['补贴', 2], ['奖补', 2], ['住房', 2], ['物流', 1],
    ['运输', 1], ['原材料', 1], ['配套', 1], ['供应', 1], ['文物', 3], ['古墓', 2], ['宿舍', 2], ['上学', 3],
    ['转学', 3], ['学位', 3], ['插班', 3], ['供应商', 2],
  ],
}

export interface Keyword {
  word: string
  category: Category
  weight: number
}

/** Keywords by their first character, longest first, so one pass over the text finds them all:
 *  BUCKETS[BUCKET_OF[code] - 1] for a first UTF-16 code unit (a typed array reads faster than a Map). */
const BUCKETS: Keyword[][] = []
const BUCKET_OF = new Uint16Array(0x10000)
for (const [category, words] of Object.entries(KEYWORDS) as Array<[Category, Array<[string, number]>]>) {
  for (const [word, weight] of words) {
    const first = word.charCodeAt(0)
    if (BUCKET_OF[first] === 0) BUCKET_OF[first] = BUCKETS.push([])
    BUCKETS[(BUCKET_OF[first] as number) - 1]!.push({ word, category, weight })
  }
}
for (const bucket of BUCKETS) bucket.sort((a, b) => b.word.length - a.word.length)

export interface CategoryScore {
  readonly category: Category
  readonly score: number
  /** Where the first keyword of the category stands, for breaking ties. */
  readonly first: number
}

/**
 * Every team keyword in the text, each once, in the order they first stand (with where). Where two
 * overlap the longer one alone counts: "可燃气体" is safety, not the 燃气 inside it; "道路通行证" is
 * a permit, not a road.
 */
export function keywordsIn(text: string): (Keyword & { at: number })[] {
  const found: (Keyword & { at: number })[] = []
  // The end of the longest keyword starting at or before each point so far: linear in the text.
  let coveredTo = 0
  for (let at = 0; at < text.length; at++) {
    const index = BUCKET_OF[text.charCodeAt(at)] as number
    if (index === 0) continue
    const bucket = BUCKETS[index - 1] as Keyword[]
    for (const keyword of bucket) {
      if (!text.startsWith(keyword.word, at)) continue
      const end = at + keyword.word.length
      if (end <= coveredTo) continue // inside a longer keyword already found
      coveredTo = Math.max(coveredTo, end)
      if (found.some((f) => f.word === keyword.word)) continue // a text names few keywords
      found.push({ word: keyword.word, category: keyword.category, weight: keyword.weight, at })
    }
  }
  return found
}

/** The scores of texts seen lately: a message's clauses and segments are scored more than once
 *  (a clause, then the segment it is in, then the record's summary). Callers do not change them. */
const recent = new Map<string, readonly CategoryScore[]>()
const RECENT_LIMIT = 256

/** Every team the text mentions, best first; empty when none does. Each keyword counts once. */
export function scoreCategories(text: string): readonly CategoryScore[] {
  let scores = recent.get(text)
  if (scores === undefined) {
    if (recent.size >= RECENT_LIMIT) recent.clear()
    scores = score(text)
    recent.set(text, scores)
  }
  return scores
}

function score(text: string): CategoryScore[] {
  const scores = new Map<Category, { category: Category; score: number; first: number }>()
  for (const keyword of keywordsIn(text)) {
    const s = scores.get(keyword.category)
    if (s) s.score += keyword.weight
    else scores.set(keyword.category, { category: keyword.category, score: keyword.weight, first: keyword.at })
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.first - b.first)
}

export function bestCategory(text: string): Category | null {
  return scoreCategories(text)[0]?.category ?? null
}
