/**
 * The phrase families that tell what a clause is doing. Each pattern lists an example input.
 */

/** Messages that address everyone: notices, forwarded documents, meeting calls. They record nothing.
 *  "请各项目负责人准时参加", "【转发】省政府印发…", "各项目注意防台风", "五一假期值班安排见附件" */
export const NOTICE =
  /请(?:各|大家|项目方|相关单位|各位)|各(?:项目|工地|单位|专班|部门|企业)|【?转发】?[:：]|【转发】|印发|通知|注意(?:安全|防|工地)|值班|报备|抓紧申报|及时申报|见附件/

/** Questions: "供地手续办到哪一步了?", "下周的调度会还开吗", "环评批复大概什么时候能下来" */
export const QUESTION = /[?？]$|吗$|呢$|什么时候|啥时候|何时|哪一步|几点|是否|有没有|要不要|多久|怎么办|怎么样/

/** Plans, not facts: "预计3月底封顶", "计划春节后动工", "力争6月中旬完成供地", "将于6月下旬组织验收" */
export const PLAN =
  /预计|计划|争取|力争|将于|将在|将要|拟|准备|有望|确保|打算|预期|即将|马上|尽快|下周|下个?月|近期|(?:节|春节|国庆|元旦|五一|年|冬至)(?:后|以后|之后)/

/** Negation or hypothesis before a stage word: "还没开工", "影响明年一季度开工", "按规定不能施工" */
export const NEGATED_BEFORE = /(?:没|未|不|无法|影响|能否|能不能|才能|等|要|需|想|盼|否则|不然)[^,，。]{0,8}$/

/** Trouble right after a stage word: "试生产受影响", "开工推迟", "投产还没有时间表" */
export const NEGATED_AFTER = /^[^,，。]{0,3}(?:受影响|受阻|推迟|延期|延后|还没|无法|不了|困难|暂停|停了)/

/** Problem words that only name a problem already known: "上周反映的用工问题，人社局已经帮忙解决了".
 *  A clause with nothing stronger leans on what follows it. */
export const PROBLEM_NOUNS = /问题|反映/g

/** Something is wrong or wanted: "还没批下来", "资金缺口", "招工难", "存在安全隐患", "麻烦协调一下" */
export const PROBLEM =
  /还没|没有|没(?!事)|未(?:能|完成|落实|到位|批|办)|尚未|不到位|卡住|卡在|卡着|缺|难|太慢|慢了|很慢|投诉|隐患|不够|跳闸|风险|退回|还差|差了|对不上|不肯|谈不拢|不拢|拖|进不去|进不了|停工|困难|麻烦|协调一下|帮忙|希望|影响|限期|事故|不能|无法|留不住|不规范|着急|急|很差|太高|太大|塌方|不了|滞后|延迟|延期|受阻|问题|反映|不下来|不出去|跟不上|减人|要等|又来问|落实住房|要落实|需落实|尽快|不通|偏高|超标|不到|要求|必须|需在|须在|请在|重新|整改意见|意见很大|意见大|有意见|才能|缓慢|迟迟|不同意|不配合|阻工|阻挠|纠纷|扯皮|压力|涨|紧张|漏水|裂缝|中暑|晕倒|受伤|伤亡|延误|被堵|堵塞/

/** Done with: "问题已解决", "融资的事已落实", "已经协调好了", "整改完毕", "复查合格", "办结了"
 *  Each needs a perfective marker (已 before, 了 after, or a result word): 要求10个工作日内办结 is a demand. */
export const RESOLVED_STRONG =
  /已(?:经)?(?:全部)?(?:妥善)?(?:解决|落实|协调好|协调完|办结|办好|办妥|处理|批复|修好|修复|疏通|搞定|理顺|谈妥|兑现|调解好|化解)|(?:解决|落实|协调好|办结|办好|办妥|处理好|修好|修复|疏通好|搞定|谈妥|批复|批|调解好|化解)了|整改(?:完毕|完成|到位了|到位)|复查(?:合格|通过)|^(?:已)?(?:办结|解决|搞定|办好了)$|(?:已|已经)(?:通车|接通)|已(?:经)?(?:批|办|放|拿|发)下来|(?:批|办|放|拿|发)下来了|(?:问题|的事|事情)[^,，。]{0,4}(?:解决|办结|落实|搞定)$/

/** Weaker words for done, resolving only where the clause names a problem's topic:
 *  "电力迁改已完成", "供水管网已接通", "消防验收已通过" */
export const RESOLVED_WEAK = /已(?:经)?(?:全部)?(?:完成|通过|接通|拿到|移走|迁走|到位|解除|恢复|通了)|(?:接通|通过|拿到|到位)了|都通了/

/** Negation right before a done-word: "还没有解决", "未落实", "没办结" */
export const RESOLVED_NEGATED = /(?:没有?|未|尚未|不)[^,，。]{0,2}(?:解决|落实|协调|办结|办好|接通|通过|完成|批复|批|办|放|拿|发)/

/** Work on site that counts as progress when done or planned: "主体封顶", "钢结构吊装完成", "设备已进场安装" */
export const ACTIVITY =
  /封顶|完工|吊装|安装|进场|到场|桩基|基础|开挖|装修|调试|场平|场地平整|主体|钢结构|屋面|临建|浇筑|砌筑|下线|施工|组织验收|挂牌|投用|试运行|基坑|形象进度/

/** Words that say the activity is done or under way, for a clause with no percent or stage:
 *  "主体完工了", "已吊装完成", "设备已全部到场", "首批产品已经下线" — but not "设备都停了" */
export const DONE = /完成|完工|封顶|到场|下线|完毕|结束|过半|已(?:经)?(?:全部)?(?:进场|安装|到场|开始|启动|吊装|浇筑|开挖)/
