// A worksheet as data: its name, its columns (header, width, kind, how a row gives the cell) and
// how a row is filled. Pure, so which columns and values a sheet has is tested without a workbook;
// src/export writes it with exceljs.

/** A cell: text, a number, or in a 'date' column a `YYYY-MM-DD` date; null leaves it empty. */
export type CellValue = string | number | null

/** How a column's cells are written: text, numbers, or real dates (never dates as text). */
export type ColumnKind = 'text' | 'number' | 'date'

export interface SheetColumn<T> {
  header: string
  /** Width in Excel's character units (a Chinese character takes about two). */
  width: number
  kind: ColumnKind
  /** Long texts wrap inside the column rather than running under the next ones. */
  wrap?: boolean
  value(row: T): CellValue
}

/** A row's background, in a 督办单's colours: blue near its due date, yellow overdue, red 严重超期. */
export type RowFill = 'blue' | 'yellow' | 'red'

export interface SheetSpec<T> {
  name: string
  columns: readonly SheetColumn<T>[]
  fill?(row: T): RowFill | null
  /** A totals row is bold like the header. */
  bold?(row: T): boolean
}

export interface SheetRow {
  cells: CellValue[]
  fill: RowFill | null
  bold: boolean
}

export function sheetRow<T>(spec: SheetSpec<T>, row: T): SheetRow {
  return {
    cells: spec.columns.map((c) => c.value(row)),
    fill: spec.fill?.(row) ?? null,
    bold: spec.bold?.(row) ?? false,
  }
}

/**
 * Every sheet opens with 序号, a row's place in it ("问题台账第 12 行" over the phone, a circled
 * number on paper). The writer numbers the rows; a totals row (`bold`) has none.
 */
export const SERIAL_COLUMN = { header: '序号', width: 6, kind: 'number' } as const satisfies Omit<SheetColumn<unknown>, 'value'>

/**
 * How wide a sheet may be, in Excel's width units with 序号, to print on one A4 landscape page's
 * width with no text under 9 pt: 11-point text shrunk to fit may lose a fifth at most. Measured
 * through LibreOffice, the widest case (without Calibri a unit is DejaVu Sans' digit, 7 pt): 177
 * units printed at 0.64, 138 at 0.83 (9.1 pt); test/integration/export-print.test.ts checks it.
 */
export const PRINTABLE_WIDTH_UNITS = 138

/** A sheet's width with 序号, in Excel's width units. */
export function sheetWidth<T>(spec: SheetSpec<T>): number {
  return spec.columns.reduce<number>((sum, c) => sum + c.width, SERIAL_COLUMN.width)
}

/**
 * A wrapped cell shows at most this many lines: a row must fit on a printed page (20 lines of
 * 11-point text are a little over half of one). A text longer still (a pasted report) is whole in
 * the cell when it is opened.
 */
export const MAX_WRAPPED_LINES = 20

/**
 * How many lines a text takes in a column of this width: a Chinese (full-width) character takes
 * two width units, anything else one, and a unit is left for the cell's margins.
 */
export function textLines(text: string, width: number): number {
  let units = 0
  for (const ch of text) units += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1
  return Math.max(1, Math.ceil(units / Math.max(1, width - 1)))
}

/**
 * How many lines the row's wrapped cells need at their columns' widths, so the row is made that
 * tall: neither Excel nor LibreOffice grows a row for wrapped text when it opens a file, and a
 * row too short prints its text over the next one.
 */
export function wrappedLines<T>(spec: SheetSpec<T>, cells: readonly CellValue[]): number {
  let lines = 1
  spec.columns.forEach((c, i) => {
    const value = cells[i]
    if (c.wrap && typeof value === 'string') lines = Math.max(lines, textLines(value, c.width))
  })
  return Math.min(lines, MAX_WRAPPED_LINES)
}

/** How many lines the tallest header takes: every header wraps. */
export function headerLines<T>(spec: SheetSpec<T>): number {
  return Math.max(1, ...spec.columns.map((c) => textLines(c.header, c.width)))
}
