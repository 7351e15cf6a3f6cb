import type { ProgressLedgerRow } from '../domain/ledger-facts.ts'
import { STAGE_NAMES } from './labels.ts'
import type { SheetSpec } from './sheet-spec.ts'

/** 进度记录: every progress record (retracted ones never reach it), project by project, oldest first. */
export const PROGRESS_SHEET: SheetSpec<ProgressLedgerRow> = {
  name: '进度记录',
  columns: [
    { header: '项目名称', width: 14, kind: 'text', wrap: true, value: (p) => p.projectName },
    { header: '日期', width: 10, kind: 'date', value: (p) => p.recordedOn },
    { header: '报送人', width: 7, kind: 'text', wrap: true, value: (p) => p.reporterName },
    { header: '节点', width: 7, kind: 'text', value: (p) => (p.stage ? STAGE_NAMES[p.stage] : null) },
    { header: '进度（%）', width: 5, kind: 'number', value: (p) => p.percent },
    { header: '计划日期', width: 10, kind: 'date', value: (p) => p.dueOn },
    { header: '进度内容', width: 78, kind: 'text', wrap: true, value: (p) => p.summary },
  ],
}
