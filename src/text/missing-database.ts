/**
 * What a command-line tool says when DATABASE_PATH names no file: most often someone who tried the
 * local console and whose data is therefore in console.sqlite beside it. Example, after the console:
 *   找不到数据库 data/duban.sqlite（DATABASE_PATH）。
 *   本地控制台（未连接微信时的 npm start）的数据在 data/console.sqlite，可这样使用：
 *     DATABASE_PATH=data/console.sqlite npm run digest
 */
export function renderMissingDatabase(path: string, consolePath: string, consoleExists: boolean, command: string): string {
  const head = `找不到数据库 ${path}（DATABASE_PATH）。`
  const use = `  DATABASE_PATH=${consolePath} ${command}`
  if (consoleExists) return [head, `本地控制台（未连接微信时的 npm start）的数据在 ${consolePath}，可这样使用：`, use].join('\n')
  return [
    `${head}连接微信后运行 npm start 会创建它。`,
    `只想试用时，先运行 npm start 打开本地控制台，它的数据存放在 ${consolePath}，之后可这样使用：`,
    use,
  ].join('\n')
}
