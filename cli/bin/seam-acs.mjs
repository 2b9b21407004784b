#!/usr/bin/env node
// seam-acs: bulk-create and bulk-delete ACS credentials from a file, with seam-acs-wasm's
// createMany/deleteMany (validated first, paced to the server, never a duplicate, resumable).
// Usage and exit codes: `seam-acs --help` and the README's "The seam-acs command".

import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SeamClient } from 'seam-acs-wasm'
import {
  formatIssue,
  loadDirectory,
  parseCsv,
  parseDeleteList,
  resolveCreateRows,
  CREATE_COLUMNS,
} from '../lib/csv.mjs'
import { startProgress } from '../lib/progress.mjs'

/** Exit codes: what a script calling the command can tell apart. */
const EXIT = { done: 0, partial: 1, invalid: 2, fatal: 3, interrupted: 130 }

const USAGE = `usage:
  seam-acs bulk-create FILE.csv [--report R.json] [options]
  seam-acs bulk-delete FILE     [--report R.json] [options]   (one id per line, or a CSV with acs_credential_id)
options:
  --resume R.json     resume from an earlier run's report (skips what is done, reconciles what is unknown)
  --concurrency N     requests in flight at most (default 16, adapts down on 429/503)
  --endpoint URL      the API (default $SEAM_ENDPOINT, else https://connect.getseam.com)
  --dry-run           validate and resolve names only; create or delete nothing
  --skip-invalid      send the valid rows, report the others, instead of stopping
the API key is read from $SEAM_API_KEY.
exit codes: 0 all done, 1 some failed or unknown, 2 invalid input (nothing sent),
            3 fatal error before anything ran (auth, network), 130 interrupted (report written)`

class InvalidInput extends Error {}

function readOptions(argv) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        report: { type: 'string' },
        resume: { type: 'string' },
        concurrency: { type: 'string' },
        endpoint: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
    return { ...values, positionals }
  } catch (error) {
    throw new InvalidInput(error.message)
  }
}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new InvalidInput(`cannot read ${what} ${path}: ${error.code ?? error.message}`)
  }
}

function readReport(path) {
  try {
    return JSON.parse(readText(path, 'the report'))
  } catch (error) {
    throw new InvalidInput(error instanceof InvalidInput ? error.message : `${path} is not a report: ${error.message}`)
  }
}

function readConcurrency(text) {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new InvalidInput('--concurrency must be a whole number from 1 to 256')
  return n
}

/** Prints every issue (at most 50, then a count) and stops with exit code 2. */
function refuse(issues) {
  for (const issue of issues.slice(0, 50)) console.error(formatIssue(issue))
  if (issues.length > 50) console.error(`… and ${issues.length - 50} more`)
  throw new InvalidInput(`${issues.length} problem(s) in the input: nothing was sent`)
}

function client(options) {
  const apiKey = process.env.SEAM_API_KEY
  if (!apiKey) throw new InvalidInput('SEAM_API_KEY is not set')
  const endpoint = options.endpoint ?? process.env.SEAM_ENDPOINT
  try {
    return { seam: SeamClient.fromApiKey(apiKey, endpoint ? { endpoint } : {}) }
  } catch (error) {
    // The package's errors never hold the key.
    throw new InvalidInput(error.message)
  }
}

/** The rows to send: all, or with --skip-invalid the ones with no issue (the others reported). */
function selectRows(items, issues, skipInvalid) {
  if (issues.length === 0) return { sent: items, skipped: [] }
  if (!skipInvalid) refuse(issues)
  const bad = new Set(issues.map((issue) => issue.row))
  return { sent: items.filter((item) => !bad.has(item.row)), skipped: issues }
}

async function bulkCreate(file, options) {
  const { rows, issues: syntax } = parseCsv(readText(file, 'the CSV'), CREATE_COLUMNS)
  if (syntax.length > 0) refuse(syntax)
  // Everything that needs no API is checked before the first request.
  const offline = resolveCreateRows(rows, null)
  if (!options['skip-invalid'] && offline.issues.length > 0) refuse(offline.issues)
  const { seam } = client(options)
  const directory = await fatalIfThrows(() => loadDirectory(seam))
  const { items, issues } = resolveCreateRows(rows, directory)
  const { sent, skipped } = selectRows(items, issues, options['skip-invalid'])
  return run('create', sent, skipped, options, (params, runOptions) =>
    seam.acs.credentials.createMany(params, runOptions),
  )
}

async function bulkDelete(file, options) {
  const { ids, rows, issues } = parseDeleteList(readText(file, 'the id list'))
  const items = ids.map((id, index) => ({ row: rows[index], params: id }))
  const { sent, skipped } = selectRows(items, issues, options['skip-invalid'])
  const { seam } = client(options)
  return run('delete', sent, skipped, options, (params, runOptions) =>
    seam.acs.credentials.deleteMany(params, runOptions),
  )
}

async function fatalIfThrows(action) {
  try {
    return await action()
  } catch (error) {
    console.error(`seam-acs: ${error.message}`)
    process.exit(EXIT.fatal)
  }
}

/**
 * Runs `start(params, options)` over the selected rows with a progress display, Ctrl-C as an
 * abort, and writes the report: the package's report plus `rows` (the CSV row of each item)
 * and `skipped` (the issues of the rows left out by --skip-invalid).
 */
async function run(action, sent, skipped, options, start) {
  const concurrency = readConcurrency(options.concurrency)
  const previous = options.resume ? readReport(options.resume) : undefined
  const reportPath = options.report ?? options.resume
  if (options['dry-run']) {
    console.log(
      `dry run: ${sent.length} row(s) valid${skipped.length ? `, ${skipped.length} problem(s)` : ''}; nothing was ${action === 'create' ? 'created' : 'deleted'}`,
    )
    return skipped.length > 0 ? EXIT.partial : EXIT.done
  }
  const controller = new AbortController()
  let interrupted = false
  process.on('SIGINT', () => {
    if (interrupted) process.exit(EXIT.interrupted) // a second Ctrl-C: leave now
    interrupted = true
    console.error('\nseam-acs: stopping (requests in flight settle; Ctrl-C again to leave at once)')
    controller.abort()
  })
  const progress = startProgress(sent.length)
  let report
  try {
    report = await start(
      sent.map((item) => item.params),
      {
        concurrency,
        signal: controller.signal,
        onProgress: progress.update,
        resume: previous && { ...previous, rows: undefined, skipped: undefined },
      },
    )
  } catch (error) {
    progress.stop()
    if (error.name === 'SeamValidationError') {
      refuse(
        (error.issues ?? []).map((issue) => ({
          row: rowOf(issue.path, sent),
          column: null,
          message: `${issue.path}: ${issue.message}`,
        })),
      )
    }
    console.error(`seam-acs: ${error.message}`)
    return EXIT.fatal
  }
  progress.stop()
  const full = { ...report, rows: sent.map((item) => item.row), skipped }
  if (reportPath) writeFileSync(reportPath, `${JSON.stringify(full, null, 2)}\n`)
  const done = report.counts.created ?? report.counts.deleted
  console.log(
    `${action}: ${done} done, ${report.counts.failed} failed, ${report.counts.unknown} unknown, ${report.counts.not_started} not started, ${skipped.length} invalid row problem(s) skipped, ${report.rateLimited} rate-limited answer(s)${reportPath ? `; report: ${reportPath}` : ''}`,
  )
  if (interrupted) return EXIT.interrupted
  return done === report.total && skipped.length === 0 ? EXIT.done : EXIT.partial
}

/** The CSV row of a package issue path such as `[3].code` (or `resume`: no row). */
function rowOf(path, sent) {
  const index = /^\[(\d+)\]/.exec(path)?.[1]
  return index === undefined ? 1 : (sent[Number(index)]?.row ?? 1)
}

async function main(argv) {
  const options = readOptions(argv)
  const [command, file, ...rest] = options.positionals
  if (options.help || !command) {
    console.log(USAGE)
    return options.help ? EXIT.done : EXIT.invalid
  }
  if (rest.length > 0) throw new InvalidInput(`unexpected argument ${rest[0]}`)
  if (!file) throw new InvalidInput(`${command} needs a file`)
  if (command === 'bulk-create') return bulkCreate(file, options)
  if (command === 'bulk-delete') return bulkDelete(file, options)
  throw new InvalidInput(`unknown command ${command} (bulk-create or bulk-delete)`)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof InvalidInput) {
      console.error(`seam-acs: ${error.message}`)
      process.exit(EXIT.invalid)
    }
    console.error(`seam-acs: ${error.message}`)
    process.exit(EXIT.fatal)
  },
)
