import { existsSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { consoleDatabasePath, DEFAULT_DATABASE_PATH } from '../config.ts'
import { backupDatabase, BackupTargetExistsError } from '../store/index.ts'
import { renderMissingDatabase } from '../text/missing-database.ts'

// `npm run backup -- PATH`: a consistent copy of the live database, safe while the bot runs. Only
// DATABASE_PATH matters here (from .env as for npm start): a wrong cron must not stop a backup.
loadDotenv({ quiet: true })
const destination = process.argv[2]
const source = process.env['DATABASE_PATH']?.trim() || DEFAULT_DATABASE_PATH

if (!destination) {
  console.error(`用法：npm run backup -- 备份文件路径   （把 DATABASE_PATH，即 ${source}，复制成一个完整的备份文件）`)
  process.exit(2)
}
if (!existsSync(source)) {
  const demo = consoleDatabasePath(source)
  console.error(renderMissingDatabase(source, demo, existsSync(demo), `npm run backup -- ${destination}`))
  process.exit(1)
}

try {
  const { pages } = await backupDatabase(source, destination)
  console.log(`已备份 ${source} 到 ${destination}（${pages} 页）`)
} catch (error) {
  console.error(error instanceof BackupTargetExistsError ? `${destination} 已存在，不会覆盖；请换一个文件名。` : `备份失败：${(error as Error).message}`)
  process.exit(1)
}
