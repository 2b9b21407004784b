// Debian's Chromium through playwright-core, as every console test launches it.
// playwright-core makes a fresh temporary profile (--user-data-dir) per launch.

import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** @param {string[]} extraArgs  more command-line switches, e.g. --host-resolver-rules */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}
