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

/** A row's background: red for an overdue issue, yellow for one near its due date. */
export type RowFill = 'red' | 'yellow'

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

/** A wrapped cell shows at most this many lines; the rest of a very long text is there when it is opened. */
export const MAX_WRAPPED_LINES = 6

/**
 * How many lines the row's wrapped cells need at their columns' widths, so the row is made that
 * tall: neither Excel nor LibreOffice grows a row for wrapped text when it opens a file. A Chinese
 * (full-width) character takes two width units, anything else one; a unit of each column is left
 * for the cell's margins.
 */
export function wrappedLines<T>(spec: SheetSpec<T>, cells: readonly CellValue[]): number {
  let lines = 1
  spec.columns.forEach((c, i) => {
    const value = cells[i]
    if (!c.wrap || typeof value !== 'string') return
    let units = 0
    for (const ch of value) units += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1
    lines = Math.max(lines, Math.ceil(units / Math.max(1, c.width - 1)))
  })
  return Math.min(lines, MAX_WRAPPED_LINES)
}
