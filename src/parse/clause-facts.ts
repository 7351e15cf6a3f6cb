import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { scoreCategories } from './categories.ts'
import { findDates, type DateMention } from './dates.ts'
import { findPercent } from './percent.ts'
import { FAMILY_BY_NAME, possibleFamilies, shows, TROUBLE_AFTER_STAGE, type FamilyName } from './phrases.ts'
import { findStages, type StageMention } from './stages.ts'
import type { Stage } from './types.ts'

/** Not worked out yet (null and undefined are answers). */
const UNKNOWN = Symbol('unknown')
type Lazy<T> = T | typeof UNKNOWN

/**
 * What the rules may ask of a clause; each fact is worked out once, when first asked. A class
 * rather than closures: the parser makes one per clause, and the memo fields cost nothing to set up.
 */
export class ClauseFacts {
  readonly dates: DateMention[]
  /** The families asked about (a bit each, FAMILY_BY_NAME, in 32-bit words), those found among them, and their names in order. */
  private readonly asked: Int32Array
  private readonly showing: Int32Array
  private readonly shown: FamilyName[] = []
  private stageWords: Lazy<StageMention[]> = UNKNOWN
  private reached: Lazy<{ stage: Stage; troubleAfter: boolean } | null> = UNKNOWN
  private share: Lazy<number | null> = UNKNOWN
  private teamTopic: Lazy<boolean> = UNKNOWN

  constructor(
    readonly text: string,
    today: LocalDate,
    calendar: WorkingCalendar,
  ) {
    this.dates = findDates(text, today, calendar)
    // Families that cannot match (none of the characters they need is here) count as asked, not shown.
    this.asked = possibleFamilies(text).map((w) => ~w)
    this.showing = new Int32Array(this.asked.length)
  }

  has(family: FamilyName): boolean {
    const { index, pattern } = FAMILY_BY_NAME.get(family)!
    const word = index >>> 5
    const bit = 1 << (index & 31)
    if (((this.asked[word] as number) & bit) === 0) {
      this.asked[word]! |= bit
      if (pattern.test(this.text)) {
        this.showing[word]! |= bit
        this.shown.push(family)
      }
    }
    return ((this.showing[word] as number) & bit) !== 0
  }

  /** Any stage word at all, reached or not: "要求6月底前完成供地". */
  mentionsStage(): boolean {
    return this.stageMentions().length > 0
  }

  /** The first stage word that is reached (not negated or hypothetical), and whether trouble follows it. */
  stage(): { stage: Stage; troubleAfter: boolean } | null {
    if (this.reached === UNKNOWN) this.reached = this.firstReached()
    return this.reached
  }

  percent(): number | null {
    if (this.share === UNKNOWN) this.share = findPercent(this.text)
    return this.share
  }

  /** The clause names some team's business (a keyword of categories.ts). */
  topic(): boolean {
    if (this.teamTopic === UNKNOWN) this.teamTopic = scoreCategories(this.text).length > 0
    return this.teamTopic
  }

  /** A plan word, or a date ahead. */
  planned(): boolean {
    return this.has('plan') || this.dates.some((d) => !d.past)
  }

  /** A date ahead that is not a "from then on" (国庆后). */
  dated(): boolean {
    return this.dates.some((d) => !d.past && !d.after && d.date !== null)
  }

  /** The families asked about so far and found, for `--explain`. */
  found(): FamilyName[] {
    return this.shown
  }

  private stageMentions(): StageMention[] {
    if (this.stageWords === UNKNOWN) this.stageWords = findStages(this.text)
    return this.stageWords
  }

  private firstReached(): { stage: Stage; troubleAfter: boolean } | null {
    const { text } = this
    for (const { stage, index, end } of this.stageMentions()) {
      if (shows(text.slice(Math.max(0, index - 8), index), 'stage-negated-before')) continue
      if (shows(text.slice(end), 'stage-negated-after')) continue
      // "项目签约快一年了还没供地": trouble after the stage word makes the clause about the trouble.
      const after = text.slice(end)
      return { stage, troubleAfter: TROUBLE_AFTER_STAGE.some((family) => shows(after, family)) }
    }
    return null
  }
}
