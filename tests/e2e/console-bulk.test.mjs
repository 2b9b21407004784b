// End-to-end test of the console's Bulk view in Debian's Chromium, against the local Seam
// server with its deterministic seed. The steps run in order and share one page: a CSV with
// 3 invalid rows (each named by row and column, nothing sent), the fix, a dry run (nothing
// sent), a run with the rate limit and faults on, paused and resumed, the report downloaded
// (JSON and CSV) and held against the server (each row's code created exactly once), then a
// revoke from the report's CSV (cancelled, then run again) and one from the table's selection.
// Screenshots go to artifacts/screenshots/.
//
//   cd tests && node --test e2e/

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

import {
  assertCleanConsole,
  assertNoCspViolation,
  byTestId,
  eventually,
  openConsole,
  SCREENSHOTS,
} from './console-page.mjs'

const ROWS = 60
const USERS = ['emma.wilson@example.com', 'james.nakamura@example.com', 'sofia.rossi@example.com'] // Salto KS
const codeOf = (i) => String(700100 + i)
const RUN_TIMEOUT = 90_000

/** The CSV as a person would write it: row i + 2 (the header is row 1) issues code 700100+i. */
function csvLines() {
  const lines = ['user_email,access_method,code,starts_at,ends_at,entrances']
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${USERS[i % 3]},code,${codeOf(i)},2030-01-01T09:00:00Z,2030-03-01T18:00:00Z,Front Door; Server Room`)
  }
  return lines
}

let consolePage
let page
let server
const text = (selector) => page.locator(selector).innerText()
const requestsTo = (apiPath) => server.requests.filter((r) => r.path === apiPath)

/** Every credential of the seed's Salto users on the server, straight from its API. */
async function serverCredentials() {
  const all = []
  for (const acs_user_id of server.seed.acs_user_ids) {
    const answer = await fetch(`${server.url}/acs/credentials/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.seed.api_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ acs_user_id }),
    })
    assert.equal(answer.status, 200)
    all.push(...(await answer.json()).acs_credentials)
  }
  return all
}

async function download(testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(byTestId(testid))])
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') }
}

const stateOf = () => page.locator(byTestId('bulk-state')).getAttribute('data-state')

describe('admin console: Bulk view', { timeout: 240_000 }, () => {
  before(async () => {
    consolePage = await openConsole()
    ;({ page, server } = consolePage)
    await page.click(byTestId('connect-submit'))
    await eventually(async () => assert.match(await text(byTestId('connection-status')), /^Connected with an API key/))
    // The view's modules and papaparse load when it is first opened, not with the console.
    const bulkFiles = () =>
      consolePage.fetched.filter((p) => /^\/(bulk[\w-]*\.js|papaparse\.js|vendor\/papaparse\/)/.test(p))
    assert.deepEqual(bulkFiles(), [])
    await page.click(byTestId('tab-bulk'))
    // The view says when it is wired.
    await page.waitForSelector(`${byTestId('view-bulk')}:not([aria-busy])`)
    assert.deepEqual(bulkFiles().sort(), [
      '/bulk-report.js',
      '/bulk-run.js',
      '/bulk.js',
      '/papaparse.js',
      '/vendor/papaparse/papaparse.min.js',
    ])
  })

  after(async () => {
    await consolePage?.close()
  })

  it('1. names each of 3 invalid rows by row and column, and sends nothing', async () => {
    const lines = csvLines()
    lines[3] = lines[3].replace(USERS[2], 'nobody@example.com') // row 4
    lines[11] = lines[11].replace(codeOf(10), '70a111') // row 12
    lines[31] = lines[31].replace('Server Room', 'Server Rom') // row 32
    server.requests.reset()
    await page.setInputFiles(byTestId('bulk-file'), {
      name: 'guests.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    })

    const problems = page.locator(byTestId('bulk-problem'))
    await eventually(async () => assert.equal(await problems.count(), 3))
    const named = await problems.evaluateAll((items) =>
      items.map((li) => [li.dataset.row, li.dataset.column, li.textContent]),
    )
    assert.deepEqual(
      named.map(([row, column]) => [row, column]),
      [
        ['4', 'user_email'],
        ['12', 'code'],
        ['32', 'entrances'],
      ],
    )
    assert.match(named[0][2], /^row 4, column user_email: no ACS user has the e-mail nobody@example.com/)
    assert.match(named[1][2], /^row 12, column code: .*digits/)
    assert.match(named[2][2], /^row 32, column entrances: no entrance is named "Server Rom"/)
    assert.equal(await text(byTestId('bulk-summary')), `${ROWS} rows · 3 with problems · 0 to send`)
    assert.equal(await page.isDisabled(byTestId('bulk-start')), true)
    await page.click(byTestId('bulk-start'), { force: true })

    // "Send only the valid rows" would send the 57 others; unticked again, nothing can go.
    await page.check(byTestId('bulk-skip-invalid'))
    await eventually(async () => assert.equal(await text(byTestId('bulk-start')), 'Issue 57 credentials'))
    assert.equal(await page.isEnabled(byTestId('bulk-start')), true)
    await page.uncheck(byTestId('bulk-skip-invalid'))
    await eventually(async () => assert.equal(await page.isDisabled(byTestId('bulk-start')), true))
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-invalid-rows.png') })
    assert.deepEqual(requestsTo('/acs/credentials/create'), [], 'no create while rows are invalid')
  })

  it('2. after the fix, a dry run resolves every row and sends nothing', async () => {
    await page.fill(byTestId('bulk-text'), csvLines().join('\n'))
    await eventually(async () =>
      assert.equal(await text(byTestId('bulk-summary')), `${ROWS} rows · 0 with problems · ${ROWS} to send`),
    )
    assert.equal(await page.locator(byTestId('bulk-problem')).count(), 0)
    assert.equal(await text(byTestId('bulk-start')), `Issue ${ROWS} credentials`)

    await page.click(byTestId('bulk-dry-run'))
    await eventually(async () =>
      assert.equal(
        await text(byTestId('bulk-dry-result')),
        `Dry run: ${ROWS} of ${ROWS} rows would be sent, for 3 users and 2 entrances. Nothing was sent.`,
      ),
    )
    // The dry run read the directory again (users, entrances), and wrote nothing.
    assert.ok(requestsTo('/acs/users/list').length >= 1)
    assert.ok(requestsTo('/acs/entrances/list').length >= 1)
    assert.deepEqual(requestsTo('/acs/credentials/create'), [])
  })

  let paused // the report at the pause
  let created // ids of the credentials the run created
  let reportCsv // its report as CSV
  it('3. runs with the rate limit and faults on, pauses, and the partial report says what is left', async () => {
    server.requests.reset()
    // 10 requests/s with bursts of 5; 5 % of processed requests reset, 5 % of others 503.
    server.limits.configure({ rate: 10, burst: 5, resetPerMille: 50, unavailablePerMille: 50, seed: 14 })
    await page.click(byTestId('bulk-start'))
    await eventually(async () => assert.equal(await stateOf(), 'running'))
    // The bar moves, with a rate and the time left.
    const bar = page.locator(byTestId('bulk-progress'))
    await eventually(async () => assert.ok(Number(await bar.getAttribute('value')) >= 10), RUN_TIMEOUT)
    assert.equal(await bar.getAttribute('max'), String(ROWS))
    assert.match(
      await text(byTestId('bulk-progress-text')),
      /^\d+ of 60 · \d+\.\d\/s · (about \d+ s left|time left unknown)$/,
    )
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-running.png') })

    await page.click(byTestId('bulk-pause'))
    await eventually(async () => assert.equal(await stateOf(), 'paused'), RUN_TIMEOUT)
    assert.equal(await page.isEnabled(byTestId('bulk-resume')), true)
    assert.equal(await page.isDisabled(byTestId('bulk-pause')), true)
    paused = JSON.parse((await download('bulk-download-json')).text)
    assert.equal(paused.action, 'create')
    assert.equal(paused.total, ROWS)
    assert.ok(paused.counts.not_started > 0, `paused before the end: ${JSON.stringify(paused.counts)}`)
    assert.ok(paused.counts.created >= 10, JSON.stringify(paused.counts))
    assert.match(
      await text(byTestId('bulk-counts')),
      new RegExp(`created: ${paused.counts.created} · .*not started: ${paused.counts.not_started}`),
    )
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-paused.png') })
  })

  it('4. resumes to the end; the report downloads, and the server has each row exactly once', async () => {
    await page.click(byTestId('bulk-resume'))
    await eventually(async () => assert.equal(await stateOf(), 'finished'), RUN_TIMEOUT)
    assert.match(await text(byTestId('bulk-progress-text')), /^60 of 60 · \d+\.\d\/s · done$/)
    // The same CSV cannot be sent twice by a second click.
    assert.equal(await page.isDisabled(byTestId('bulk-start')), true)
    const faults = { ...server.limits.counts }
    server.limits.configure({}) // off again for the checks below
    assert.ok(faults.rateLimited > 0 && faults.unavailable + faults.reset > 0, `faults met: ${JSON.stringify(faults)}`)

    const json = await download('bulk-download-json')
    assert.equal(json.name, 'create-report.json')
    const report = JSON.parse(json.text)
    assert.deepEqual(report.counts, { created: ROWS, failed: 0, unknown: 0, not_started: 0 })
    assert.deepEqual(
      report.items.map((item) => [item.index, item.status, item.credential.code]),
      Array.from({ length: ROWS }, (_, i) => [i, 'created', codeOf(i)]),
    )
    // What was done before the pause kept its credential.
    for (const item of paused.items.filter((i) => i.status === 'created')) {
      assert.equal(report.items[item.index].credential.acs_credential_id, item.credential.acs_credential_id)
    }

    const csv = await download('bulk-download-csv')
    assert.equal(csv.name, 'create-report.csv')
    const [header, ...lines] = csv.text.trim().split(/\r?\n/)
    assert.equal(header, 'row,index,status,acs_credential_id,acs_user_id,code,error,request_id,sent_at')
    assert.deepEqual(
      lines.map((line) => line.split(',').slice(0, 4)),
      report.items.map((item) => [
        String(item.index + 2),
        String(item.index),
        'created',
        item.credential.acs_credential_id,
      ]),
    )

    // Counted on the server, by code: every row once, none twice.
    const codes = (await serverCredentials()).map((c) => c.code)
    for (let i = 0; i < ROWS; i++)
      assert.equal(codes.filter((code) => code === codeOf(i)).length, 1, `code ${codeOf(i)}`)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-finished.png') })
    created = report.items.map((item) => item.credential.acs_credential_id)
    reportCsv = csv.text
  })

  it('5. revokes from the report CSV: cancelled part way, then run again to the end', async () => {
    await page.check(byTestId('bulk-action-delete'))
    await page.setInputFiles(byTestId('bulk-file'), {
      name: 'create-report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(reportCsv),
    })
    await eventually(async () =>
      assert.equal(await text(byTestId('bulk-summary')), `${ROWS} rows · 0 with problems · ${ROWS} to send`),
    )
    assert.equal(await text(byTestId('bulk-start')), `Revoke ${ROWS} credentials`)

    server.limits.configure({ rate: 5, burst: 5 })
    await page.click(byTestId('bulk-start'))
    await eventually(
      async () => assert.ok(Number(await page.locator(byTestId('bulk-progress')).getAttribute('value')) >= 5),
      RUN_TIMEOUT,
    )
    await page.click(byTestId('bulk-cancel'))
    await eventually(async () => assert.equal(await stateOf(), 'cancelled'), RUN_TIMEOUT)
    assert.equal(await page.isDisabled(byTestId('bulk-resume')), true)
    const cancelled = JSON.parse((await download('bulk-download-json')).text)
    assert.ok(cancelled.counts.deleted >= 5 && cancelled.counts.not_started > 0, JSON.stringify(cancelled.counts))

    // Run again: what is gone already answers 404, counted as deleted.
    server.limits.configure({})
    await page.click(byTestId('bulk-start'))
    await eventually(async () => assert.equal(await stateOf(), 'finished'), RUN_TIMEOUT)
    const report = JSON.parse((await download('bulk-download-json')).text)
    assert.equal(report.action, 'delete')
    assert.deepEqual(report.counts, { deleted: ROWS, failed: 0, unknown: 0, not_started: 0 })
    const left = new Set((await serverCredentials()).map((c) => c.acs_credential_id))
    assert.deepEqual(
      created.filter((id) => left.has(id)),
      [],
    )
  })

  it('6. revokes the credentials ticked in the table', async () => {
    await page.click(byTestId('tab-credentials'))
    const rows = page.locator(byTestId('credential-row'))
    const ids = await rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.dataset.credentialId))
    for (const id of ids)
      await page.check(`${byTestId('credential-row')}[data-credential-id="${id}"] ${byTestId('credential-select')}`)
    assert.equal(await page.isHidden(byTestId('detail-drawer')), true, 'ticking does not open the detail')
    assert.equal(await text(byTestId('revoke-selected')), 'Revoke 2 selected…')
    await page.click(byTestId('revoke-selected'))
    await eventually(async () => assert.equal(await page.inputValue(byTestId('bulk-text')), ids.join('\n')))
    assert.equal(await page.isChecked(byTestId('bulk-action-delete')), true)
    server.requests.reset()
    await eventually(async () => assert.equal(await page.isEnabled(byTestId('bulk-start')), true))
    await page.click(byTestId('bulk-start'))
    await eventually(async () => assert.equal(await stateOf(), 'finished'))
    assert.deepEqual(
      requestsTo('/acs/credentials/delete')
        .map((r) => r.body.acs_credential_id)
        .sort(),
      [...ids].sort(),
    )
    await page.click(byTestId('tab-credentials'))
    for (const id of ids) assert.equal(await page.locator(`[data-credential-id="${id}"]`).count(), 0)
    assert.equal(await text(byTestId('revoke-selected')), 'Revoke selected…')
  })

  it('met no Content-Security-Policy violation, and would have seen one', async () => {
    await assertNoCspViolation(page, consolePage.cspViolations)
  })

  it('never logs a token and has no page errors', () => {
    assertCleanConsole(consolePage.consoleLines, server.seed)
  })
})
