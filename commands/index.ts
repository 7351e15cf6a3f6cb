import type { CommandDefinition } from '../src/core/index.ts'
import assign from './assign.ts'
import bind from './bind.ts'
import board from './board.ts'
import digest from './digest.ts'
import exportLedger from './export.ts'
import help from './help.ts'
import issues from './issues.ts'
import leader from './leader.ts'
import progress from './progress.ts'
import quiet from './quiet.ts'
import reopen from './reopen.ts'
import report from './report.ts'
import resolve from './resolve.ts'
import stage from './stage.ts'
import status from './status.ts'
import undo from './undo.ts'
import unbind from './unbind.ts'

/** Every chat command, in the order /help lists them. */
export const commands: readonly CommandDefinition[] = [
  help,
  status,
  issues,
  digest,
  board,
  exportLedger,
  report,
  progress,
  resolve,
  reopen,
  assign,
  undo,
  stage,
  leader,
  quiet,
  bind,
  unbind,
]
