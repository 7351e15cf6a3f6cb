/**
 * Helpers for building the parser's long patterns from named pieces, so that a rule table reads as
 * words, not as one line of regular expression (chrono-node's zh parsers are built the same way).
 */

/** One of the alternatives, as a group: any('解决', '落实') → "(?:解决|落实)". */
export const any = (...alternatives: readonly string[]): string => `(?:${alternatives.join('|')})`

/** Up to `n` characters inside one clause (no comma or full stop): "报建" + gap(4) + "卡住". */
export const gap = (n: number): string => `[^,，。]{0,${n}}`
