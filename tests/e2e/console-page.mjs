// What the console's end-to-end tests share: the console's server with the local Seam server,
// Debian's Chromium at 1280×800 collecting Content-Security-Policy violations and console
// lines, and a retrying assertion.

import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { startConsoleServer } from '../../www/serve.mjs'
import { launchChromium } from './chromium.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SCREENSHOTS = path.join(ROOT, 'artifacts/screenshots')
export const STEP_TIMEOUT = 10_000

export const byTestId = (id) => `[data-testid="${id}"]`

/** Retries `check` (which throws on failure) until it passes or `timeout` runs out. */
export async function eventually(check, timeout = STEP_TIMEOUT) {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/**
 * Starts the console's server and opens the console in Chromium, ready to connect.
 * Returns { server, browser, page, consoleLines, cspViolations, fetched, close() }, where
 * `fetched` lists the path of every request the page made, in order.
 */
export async function openConsole() {
  await mkdir(SCREENSHOTS, { recursive: true })
  const server = await startConsoleServer({ port: 0, env: {} })
  const browser = await launchChromium()
  const consoleLines = []
  const cspViolations = []
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: 'UTC',
    locale: 'en-US',
  })
  // Every Content-Security-Policy violation of the whole flow, reported from the page as it happens.
  await context.exposeFunction('reportCspViolation', (violation) => cspViolations.push(violation))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      window.reportCspViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      }),
    )
  })
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_TIMEOUT)
  page.on('console', (message) => consoleLines.push(message.text()))
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`))
  const fetched = []
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
  await page.goto(`${server.url}/`)
  await page.waitForSelector('body[data-ready="true"]')
  return {
    server,
    browser,
    page,
    consoleLines,
    cspViolations,
    fetched,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/** No CSP violation met, and the listener would have heard one (the policy is in force). */
export async function assertNoCspViolation(page, cspViolations) {
  assert.deepEqual(cspViolations, [])
  await page.evaluate(() =>
    document.body.append(Object.assign(document.createElement('script'), { textContent: 'void 0' })),
  )
  await eventually(async () =>
    assert.deepEqual(
      cspViolations.map((v) => [v.directive, v.blocked]),
      [['script-src-elem', 'inline']],
    ),
  )
}

/** No console line holds one of the seed's tokens, and the page threw nothing. */
export function assertCleanConsole(consoleLines, seed) {
  const tokens = [seed.api_key, seed.client_session_token]
  for (const line of consoleLines) {
    assert.ok(!tokens.some((token) => line.includes(token)), `a token was logged: ${line}`)
    assert.doesNotMatch(line, /^pageerror:/)
  }
}
