#!/usr/bin/env node
// Runs the fake Seam API until SIGINT/SIGTERM.
//
//   node tests/fake-seam/cli.mjs [--port N] [--static PREFIX=DIR ...] [--allow-host NAME ...] [--allow-origin ORIGIN ...]
//     [--action-attempt-delay MS] [--rate N [--burst N]] [--faults]
//
// It answers only Host 127.0.0.1, localhost or [::1] with its port, plus each --allow-host
// name (others get 421), and lets only its own origin plus each --allow-origin read its
// answers from a browser (CORS). Action attempts (encoding, scanning a card) stay pending
// --action-attempt-delay milliseconds (400 by default). --rate limits the API to N requests
// a second (bursts of --burst, 2 × N by default), answering 429 with Retry-After past it;
// --faults resets 1 % of the connections of processed requests and answers 503 to 1 % of
// the others.
// stdout: one JSON line {"url", "seed"} for scripts, then one line for humans.

import path from 'node:path'
import { parseArgs } from 'node:util'

import { startFakeSeam } from './server.mjs'

function parseCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      static: { type: 'string', multiple: true, default: [] },
      'allow-host': { type: 'string', multiple: true, default: [] },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'action-attempt-delay': { type: 'string', default: '400' },
      rate: { type: 'string', default: '0' },
      burst: { type: 'string' },
      faults: { type: 'boolean', default: false },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.port}`)
  const staticDirs = {}
  for (const mount of values.static) {
    const at = mount.indexOf('=')
    if (at <= 0) throw new Error(`Invalid --static (expected PREFIX=DIR): ${mount}`)
    staticDirs[mount.slice(0, at)] = path.resolve(mount.slice(at + 1))
  }
  for (const origin of values['allow-origin']) {
    if (!URL.canParse(origin))
      throw new Error(`Invalid --allow-origin (expected like http://127.0.0.1:5173): ${origin}`)
  }
  const actionAttemptDelayMs = Number(values['action-attempt-delay'])
  if (!Number.isInteger(actionAttemptDelayMs) || actionAttemptDelayMs < 0) {
    throw new Error(`Invalid --action-attempt-delay (milliseconds): ${values['action-attempt-delay']}`)
  }
  const rate = Number(values.rate)
  const burst = values.burst == null ? rate * 2 : Number(values.burst)
  if (!(rate >= 0) || !(burst >= 0))
    throw new Error(`Invalid --rate or --burst (requests a second): ${values.rate}, ${values.burst}`)
  const perMille = values.faults ? 10 : 0
  return {
    port,
    staticDirs,
    allowedHosts: values['allow-host'],
    allowedOrigins: values['allow-origin'],
    actionAttemptDelayMs,
    limits: { rate, burst, resetPerMille: perMille, unavailablePerMille: perMille },
  }
}

let options
try {
  options = parseCommandLine(process.argv.slice(2))
} catch (error) {
  console.error(error.message)
  console.error(
    'usage: node tests/fake-seam/cli.mjs [--port N] [--static PREFIX=DIR ...] [--allow-host NAME ...]' +
      ' [--allow-origin ORIGIN ...] [--action-attempt-delay MS] [--rate N [--burst N]] [--faults]',
  )
  process.exit(2)
}

const fake = await startFakeSeam(options)
const { seed } = fake
process.stdout.write(`${JSON.stringify({ url: fake.url, seed })}\n`)
process.stdout.write(
  `Fake Seam API on ${fake.url} | API key: ${seed.api_key} | client session token: ${seed.client_session_token}` +
    ` | personal access token: ${seed.personal_access_token} (seam-workspace: ${seed.workspace_id})` +
    ` | publishable key: ${seed.publishable_key}\n`,
)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    fake.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
