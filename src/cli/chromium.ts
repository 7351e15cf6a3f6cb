import { existsSync } from 'node:fs'

/** Debian's Chromium, which the browser tests and the board bench drive through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium'

/** How to get it (CI's .ci/run does this). */
export const CHROMIUM_INSTALL = 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk'

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM)
}
