// The seam-acs command (cli/bin/seam-acs.mjs) end to end, as a child process against the
// local Seam server: exit codes, the report, nothing sent for invalid input, no duplicate
// under rate limits and faults, a resume after Ctrl-C, deletes of ids partly gone.
//
// Run: node tests/link-package.mjs && cd tests && node --test cli/command.test.mjs

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import { SeamClient } from 'seam-acs-wasm'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { countOnServer } from '../integration/count-on-server.mjs'

const COMMAND = fileURLToPath(new URL('../../cli/bin/seam-acs.mjs', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'seam-acs-cli-'))
after(() => rmSync(dir, { recursive: true, force: true }))

// Users whose e-mail is in one ACS system only (Ava Thompson is in both).
const EMAILS = [
  'mia.patel@example.com',
  'noah.martinez@example.com',
  'grace.kim@example.com',
  'emma.wilson@example.com',
]
const ENTRANCES = { 'emma.wilson@example.com': 'Front Door; Parking Gate' }

/** A create CSV of `n` rows with codes from `base`; returns its path and the codes. */
function createCsv(name, n, base) {
  const codes = Array.from({ length: n }, (_, i) => String(base + i))
  const lines = codes.map((code, i) => {
    const email = EMAILS[i % EMAILS.length]
    return `${email},code,${code},${ENTRANCES[email] ?? 'Room 201'}`
  })
  const path = join(dir, name)
  writeFileSync(path, ['user_email,access_method,code,entrances', ...lines, ''].join('\n'))
  return { path, codes }
}

/** Runs the command; `whileRunning(child)` may signal it. Resolves `{ code, stdout, stderr }`. */
function seamAcs(server, args, whileRunning) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COMMAND, ...args], {
      env: { ...process.env, SEAM_API_KEY: server.seed.api_key, SEAM_ENDPOINT: server.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      assert.ok(!`${stdout}${stderr}`.includes(server.seed.api_key), 'the key is never printed')
      resolve({ code, stdout, stderr })
    })
    whileRunning?.(child)
  })
}

async function withServer(options, body) {
  const server = await startFakeSeam(options)
  try {
    await body(server, SeamClient.fromApiKey(server.seed.api_key, { endpoint: server.url }))
  } finally {
    await server.close()
  }
}

const creates = (server) => server.requests.filter((r) => r.path === '/acs/credentials/create')
const readReport = (path) => JSON.parse(readFileSync(path, 'utf8'))

describe('seam-acs bulk-create', () => {
  it('a good CSV: exit 0, and the report credentials exist on the server with the rows codes, users and entrances', async () => {
    await withServer({}, async (server, seam) => {
      const { path, codes } = createCsv('good.csv', 60, 71_000_000)
      const report = join(dir, 'good.json')
      const result = await seamAcs(server, ['bulk-create', path, '--report', report])
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /create: 60 done, 0 failed, 0 unknown, 0 not started/)
      const written = readReport(report)
      assert.deepEqual(written.counts, { created: 60, failed: 0, unknown: 0, not_started: 0 })
      assert.deepEqual(
        written.rows,
        Array.from({ length: 60 }, (_, i) => i + 2),
      )
      const onServer = new Map()
      for await (const credential of seam.acs.credentials.iterate({}))
        onServer.set(credential.acs_credential_id, credential)
      const entranceNames = new Map((await seam.acs.entrances.list()).map((e) => [e.acs_entrance_id, e.display_name]))
      written.items.forEach((item, i) => {
        const credential = onServer.get(item.credential.acs_credential_id)
        assert.equal(credential?.code, codes[i], `row ${i + 2} exists on the server`)
      })
      // Row 5 is Emma's: her two entrances by name.
      const emma = onServer.get(written.items[3].credential.acs_credential_id)
      const names = (
        await seam.acs.credentials.listAccessibleEntrances({ acs_credential_id: emma.acs_credential_id })
      ).map((e) => entranceNames.get(e.acs_entrance_id))
      assert.deepEqual(names.sort(), ['Front Door', 'Parking Gate'])
      assert.equal(creates(server).length, 60)
    })
  })

  it('an invalid CSV: exit 2, each problem named by row and column, nothing sent', async () => {
    await withServer({}, async (server) => {
      const path = join(dir, 'invalid.csv')
      writeFileSync(
        path,
        'user_email,access_method,code,entrances\nmia.patel@example.com,code,123456,Room 201\nnobody@example.com,code,123457,\nmia.patel@example.com,code,12a4,\ngrace.kim@example.com,code,123459,Rooftop\n',
      )
      const result = await seamAcs(server, ['bulk-create', path])
      assert.equal(result.code, 2)
      // The code is wrong offline: refused before the first request.
      assert.match(result.stderr, /^row 4, column code: .*digits/m)
      assert.equal(server.requests.length, 0, 'no request at all')

      writeFileSync(
        path,
        'user_email,access_method,code,entrances\nmia.patel@example.com,code,123456,Room 201\nnobody@example.com,code,123457,\nmia.patel@example.com,code,123458,\ngrace.kim@example.com,code,123459,Rooftop\n',
      )
      const lookedUp = await seamAcs(server, ['bulk-create', path])
      assert.equal(lookedUp.code, 2)
      assert.match(lookedUp.stderr, /^row 3, column user_email: no ACS user has the e-mail nobody@example\.com$/m)
      assert.match(lookedUp.stderr, /^row 5, column entrances: no entrance is named "Rooftop"$/m)
      assert.deepEqual(creates(server), [], 'names are read, nothing is created')

      const skipped = await seamAcs(server, [
        'bulk-create',
        path,
        '--skip-invalid',
        '--report',
        join(dir, 'skipped.json'),
      ])
      assert.equal(skipped.code, 1, 'partial: two rows left out')
      assert.deepEqual(readReport(join(dir, 'skipped.json')).rows, [2, 4])
      assert.equal(creates(server).length, 2)
    })
  })

  it('arguments: unknown flag or command, missing file or key: exit 2', async () => {
    await withServer({}, async (server) => {
      assert.equal((await seamAcs(server, ['bulk-create', 'x.csv', '--bogus'])).code, 2)
      assert.equal((await seamAcs(server, ['bulk-update', 'x.csv'])).code, 2)
      assert.equal((await seamAcs(server, ['bulk-create', join(dir, 'missing.csv')])).code, 2)
      assert.equal((await seamAcs(server, ['bulk-delete', join(dir, 'missing.txt'), '--concurrency', '0'])).code, 2)
      assert.equal(server.requests.length, 0)
    })
  })

  it('a wrong key: exit 3 before anything is created', async () => {
    await withServer({}, async (server) => {
      const { path } = createCsv('wrong-key.csv', 5, 72_000_000)
      const result = await new Promise((resolve) => {
        const child = spawn(process.execPath, [COMMAND, 'bulk-create', path], {
          env: { ...process.env, SEAM_API_KEY: 'seam_testkey1_notTheRightKey000000000001', SEAM_ENDPOINT: server.url },
        })
        let stderr = ''
        child.stderr.on('data', (chunk) => (stderr += chunk))
        child.on('close', (code) => resolve({ code, stderr }))
      })
      assert.equal(result.code, 3, result.stderr)
      assert.ok(!result.stderr.includes('notTheRightKey'), 'the key is not printed')
      assert.deepEqual(creates(server), [])
    })
  })

  it('with a rate limit, resets and 503s: 0 duplicates; an outcome left unknown is exit 1 and --resume settles it', async () => {
    const limits = { rate: 150, burst: 20, resetPerMille: 20, unavailablePerMille: 20 }
    await withServer({ limits }, async (server, seam) => {
      const { path, codes } = createCsv('faults.csv', 200, 73_000_000)
      const report = join(dir, 'faults.json')
      let result = await seamAcs(server, ['bulk-create', path, '--report', report])
      // An item whose re-send also ends unknown (say two 503s) stays unknown for a person or
      // a resume: exit 1, and only unknowns are left.
      for (let resumes = 0; result.code === 1 && resumes < 3; resumes++) {
        const left = readReport(report).items.filter((item) => item.status !== 'created')
        assert.deepEqual([...new Set(left.map((item) => item.status))], ['unknown'], JSON.stringify(left))
        result = await seamAcs(server, ['bulk-create', path, '--resume', report])
      }
      assert.equal(result.code, 0, result.stderr)
      const counts = server.limits.counts
      assert.ok(
        counts.reset > 0 && counts.unavailable > 0 && counts.rateLimited > 0,
        `faults happened: ${JSON.stringify(counts)}`,
      )
      const { duplicates, lost } = await countOnServer(
        server,
        seam,
        codes.map((code) => ({ code })),
      )
      assert.deepEqual({ duplicates, lost }, { duplicates: 0, lost: 0 })
      assert.equal(readReport(report).counts.created, 200)
    })
  })

  it('Ctrl-C at about half way writes the partial report (exit 130); --resume ends with exactly one credential per row', async () => {
    await withServer({ limits: { rate: 100, burst: 10 } }, async (server, seam) => {
      const { path, codes } = createCsv('resume.csv', 150, 74_000_000)
      const report = join(dir, 'resume.json')
      const stopped = await seamAcs(server, ['bulk-create', path, '--report', report], (child) => {
        // Half the rows created (429s, which the server also logs, are not creates).
        const poll = setInterval(() => {
          if (creates(server).filter((r) => r.status === 200).length >= 75) {
            clearInterval(poll)
            child.kill('SIGINT')
          }
        }, 10)
        child.on('close', () => clearInterval(poll))
      })
      assert.equal(stopped.code, 130, stopped.stderr)
      const partial = readReport(report)
      // Requests in flight at the Ctrl-C settle first, so a few more may be created.
      assert.ok(partial.counts.created >= 75 && partial.counts.created < 150, JSON.stringify(partial.counts))
      assert.equal(
        partial.counts.not_started + partial.counts.created + partial.counts.failed + partial.counts.unknown,
        150,
      )

      const resumed = await seamAcs(server, ['bulk-create', path, '--resume', report])
      assert.equal(resumed.code, 0, resumed.stderr)
      assert.deepEqual(readReport(report).counts, { created: 150, failed: 0, unknown: 0, not_started: 0 })
      const { duplicates, lost } = await countOnServer(
        server,
        seam,
        codes.map((code) => ({ code })),
      )
      assert.deepEqual({ duplicates, lost }, { duplicates: 0, lost: 0 })
    })
  })
})

describe('seam-acs bulk-delete', () => {
  it('ids, some already gone: exit 0, all gone from the server', async () => {
    await withServer({}, async (server, seam) => {
      const ids = server.seed.acs_credential_ids.slice(0, 12)
      await seam.acs.credentials.delete({ acs_credential_id: ids[0] })
      await seam.acs.credentials.delete({ acs_credential_id: ids[5] })
      const path = join(dir, 'ids.txt')
      writeFileSync(path, `${ids.join('\n')}\n`)
      const report = join(dir, 'deleted.json')
      const result = await seamAcs(server, ['bulk-delete', path, '--report', report, '--concurrency', '4'])
      assert.equal(result.code, 0, result.stderr)
      assert.deepEqual(readReport(report).counts, { deleted: 12, failed: 0, unknown: 0, not_started: 0 })
      const left = new Set()
      for await (const credential of seam.acs.credentials.iterate({})) left.add(credential.acs_credential_id)
      assert.deepEqual(
        ids.filter((id) => left.has(id)),
        [],
      )
    })
  })

  it('--dry-run sends nothing', async () => {
    await withServer({}, async (server) => {
      const path = join(dir, 'dry.csv')
      writeFileSync(path, `acs_credential_id\n${server.seed.acs_credential_ids.slice(0, 3).join('\n')}\n`)
      const result = await seamAcs(server, ['bulk-delete', path, '--dry-run'])
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /dry run: 3 row\(s\) valid; nothing was deleted/)
      assert.equal(server.requests.length, 0)
    })
  })
})
