import { backupDatabase } from '../store/index.ts'

// `npm run backup -- PATH`: a consistent copy of the live database, safe while the bot runs.
const destination = process.argv[2]
const source = process.env.DATABASE_PATH || 'data/duban.sqlite'

if (!destination) {
  console.error('usage: npm run backup -- PATH   (copies DATABASE_PATH, default data/duban.sqlite, to PATH)')
  process.exit(2)
}

try {
  const { pages } = await backupDatabase(source, destination)
  console.log(`backed up ${source} to ${destination} (${pages} pages)`)
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`)
  process.exit(1)
}
