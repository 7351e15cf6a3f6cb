/** What the bot logs through; `consoleLogger` in production, a silent or collecting one in tests. */
export interface Logger {
  info(line: string): void
  warn(line: string): void
  error(line: string): void
}

export const consoleLogger: Logger = {
  info: (line) => console.log(`[督办助手] ${line}`),
  warn: (line) => console.warn(`[督办助手] ${line}`),
  error: (line) => console.error(`[督办助手] ${line}`),
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }
