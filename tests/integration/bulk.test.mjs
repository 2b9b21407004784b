// createMany and deleteMany against the local Seam server with its rate limit and faults
// (tests/fake-seam/limits.mjs), at 1,000 items: exactly one credential per item, counted
// on the server, with 429s, resets and 503s, an abort at about half way and a resume from
// the report as JSON. Figures (time ÷ ideal, 429s, unknowns) are printed, not asserted.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/bulk.test.mjs

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { SeamClient, SeamValidationError } from 'seam-acs-wasm'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { countOnServer } from './count-on-server.mjs'

const N = 1_000
const RATE = 200
const BURST = 100
// A code no seeded credential has: 8 digits from 70000000.
const codeOf = (i, run = 0) => String(70_000_000 + run * 100_000 + i)

/** A local server and a client of it; `limits` as startFakeSeam takes them. */
async function withServer(limits, body) {
  const server = await startFakeSeam({ limits })
  try {
    const seam = SeamClient.fromApiKey(server.seed.api_key, { endpoint: server.url })
    await body(server, seam)
  } finally {
    await server.close()
  }
}

/** 1,000 code credentials spread over the seeded users. */
function itemsFor(server, run = 0, n = N) {
  const users = server.seed.acs_user_ids
  return Array.from({ length: n }, (_, i) => ({
    acs_user_id: users[i % users.length],
    access_method: 'code',
    code: codeOf(i, run),
  }))
}

const creates = (server) => server.requests.filter((r) => r.path === '/acs/credentials/create').length

describe('createMany at 1,000 items', () => {
  it('with a rate limit: exactly one credential per item, progress at most every 100 ms', async () => {
    await withServer({ rate: RATE, burst: BURST }, async (server, seam) => {
      const items = itemsFor(server)
      const progress = []
      const started = performance.now()
      const report = await seam.acs.credentials.createMany(items, {
        onProgress: (p) => progress.push({ ...p, at: performance.now() }),
      })
      const elapsed = performance.now() - started
      assert.deepEqual(report.counts, { created: N, failed: 0, unknown: 0, not_started: 0 })
      assert.equal(report.total, N)
      assert.ok(report.items.every((item, i) => item.index === i && item.credential?.code === items[i].code))
      const { duplicates, lost } = await countOnServer(server, seam, items)
      assert.deepEqual({ duplicates, lost }, { duplicates: 0, lost: 0 })
      assert.equal(report.rateLimited, server.limits.counts.rateLimited, 'every 429 the server gave is in the report')
      assert.equal(creates(server), N + report.rateLimited, 'each create sent once, plus once more per 429')
      // Progress: at most every 100 ms (core's decision, tested on a virtual clock in
      // crates/core/src/bulk/progress.rs; here only the count, as gaps between callbacks
      // depend on how busy the machine is), and the last one says nothing is pending.
      assert.ok(progress.length <= elapsed / 100 + 2, `${progress.length} reports in ${elapsed} ms`)
      assert.deepEqual(
        { ...progress.at(-1), at: undefined, ratePerSecond: undefined, etaMs: undefined },
        {
          done: N,
          failed: 0,
          pending: 0,
          inFlight: 0,
          total: N,
          at: undefined,
          ratePerSecond: undefined,
          etaMs: undefined,
        },
      )
      const most = Math.max(...progress.map((p) => p.inFlight))
      assert.ok(most > 1 && most <= 16, `at most ${most} in flight (concurrency 16 by default)`)
      const ideal = ((N - BURST) / RATE) * 1000
      console.log(
        `createMany ${N} at ${RATE}/s (burst ${BURST}): ${elapsed.toFixed(0)} ms = ${(elapsed / ideal).toFixed(2)}× ideal (${ideal} ms), ${report.rateLimited} 429s, ${duplicates} duplicates, ${lost} lost, ${progress.length} progress reports`,
      )
    })
  })

  it('with resets and 503s too: no duplicate, nothing lost, and a resume finishes the unknowns', async () => {
    await withServer(
      { rate: RATE, burst: BURST, resetPerMille: 10, unavailablePerMille: 10, seed: 3 },
      async (server, seam) => {
        const items = itemsFor(server)
        const started = performance.now()
        const report = await seam.acs.credentials.createMany(items)
        const elapsed = performance.now() - started
        const faults = { ...server.limits.counts }
        assert.ok(faults.reset > 0 && faults.unavailable > 0, JSON.stringify(faults))
        const first = await countOnServer(server, seam, items)
        assert.equal(first.duplicates, 0)
        // Every item the report calls created is there once; every credential there is reported (or unknown).
        report.items.forEach((item, i) => {
          if (item.status === 'created') assert.equal(first.copies[i], 1, `item ${i}`)
          else assert.equal(item.status, 'unknown', `item ${i}: ${JSON.stringify(item)}`)
        })
        const unknown = report.items.filter((item) => item.status === 'unknown')
        assert.equal(report.counts.unknown, unknown.length)
        assert.ok(
          unknown.every((item) => typeof item.sentAt === 'number' && item.error?.name),
          JSON.stringify(unknown[0]),
        )
        // The resume reconciles the unknowns (and faults go on meanwhile).
        const resumed = await seam.acs.credentials.createMany(items, { resume: JSON.parse(JSON.stringify(report)) })
        const second = await countOnServer(server, seam, items)
        const left = resumed.counts.unknown
        assert.equal(second.duplicates, 0)
        assert.equal(second.lost, left === 0 ? 0 : second.lost)
        assert.equal(resumed.counts.created + left, N)
        console.log(
          `createMany ${N} with faults (${faults.reset} resets, ${faults.unavailable} 503s, ${faults.rateLimited} 429s): ${elapsed.toFixed(0)} ms = ${(elapsed / (((N - BURST) / RATE) * 1000)).toFixed(2)}× ideal, ` +
            `${report.counts.unknown} unknown after the run, ${left} after the resume, ${second.duplicates} duplicates, ${second.lost} lost`,
        )
        assert.equal(left, 0, 'the resume settled every unknown')
        assert.equal(second.lost, 0)
      },
    )
  })

  it('aborted at about half way resolves with the partial report; resumed from its JSON, one credential per item', async () => {
    await withServer({ rate: 500, burst: BURST }, async (server, seam) => {
      const items = itemsFor(server)
      const controller = new AbortController()
      const partial = await seam.acs.credentials.createMany(items, {
        signal: controller.signal,
        onProgress: (p) => p.done >= N / 2 && controller.abort(),
      })
      const { created, not_started } = partial.counts
      assert.ok(created >= N / 2 && created < N && not_started > 0, JSON.stringify(partial.counts))
      assert.equal(created + not_started + partial.counts.unknown + partial.counts.failed, N)
      const sentBefore = creates(server)
      const halfway = await countOnServer(server, seam, items)
      assert.equal(halfway.duplicates, 0)
      assert.equal(N - halfway.lost, created, 'the server holds exactly what the report calls created')

      const text = JSON.stringify(partial)
      const resumed = await seam.acs.credentials.createMany(items, { resume: JSON.parse(text) })
      assert.deepEqual(resumed.counts, { created: N, failed: 0, unknown: 0, not_started: 0 })
      const done = await countOnServer(server, seam, items)
      assert.deepEqual({ duplicates: done.duplicates, lost: done.lost }, { duplicates: 0, lost: 0 })
      assert.equal(
        creates(server) - sentBefore - resumed.rateLimited,
        not_started,
        'the resume sent only what was not started',
      )
      // Done items keep their credential from the earlier report.
      assert.deepEqual(resumed.items[0].credential, partial.items[0].credential)
      console.log(
        `aborted at ${created}/${N} created, resumed: ${resumed.counts.created} created, ${done.duplicates} duplicates, ${done.lost} lost`,
      )
    })
  })

  it('with a signal aborted before the start: nothing sent, every item not started, one last progress', async () => {
    await withServer({}, async (server, seam) => {
      const progress = []
      const report = await seam.acs.credentials.createMany(itemsFor(server, 0, 10), {
        signal: AbortSignal.abort(),
        onProgress: (p) => progress.push(p),
      })
      assert.deepEqual(report.counts, { created: 0, failed: 0, unknown: 0, not_started: 10 })
      assert.deepEqual(
        progress.map((p) => [p.done, p.pending, p.inFlight]),
        [[0, 10, 0]],
      )
      assert.equal(server.requests.length, 0)
    })
  })

  it('refuses a report of another action or length to resume from, sending nothing', async () => {
    await withServer({}, async (server, seam) => {
      const items = itemsFor(server, 0, 3)
      const report = await seam.acs.credentials.createMany(items)
      server.requests.reset()
      for (const resume of [
        { ...report, action: 'delete' },
        { ...report, items: report.items.slice(1) },
        { nonsense: true },
      ]) {
        const refused = await seam.acs.credentials.createMany(items, { resume }).catch((error) => error)
        assert.ok(refused instanceof SeamValidationError, String(refused))
        assert.deepEqual(
          refused.issues.map((issue) => issue.path),
          ['resume'],
        )
      }
      assert.equal(server.requests.length, 0)
    })
  })
})

describe('resume reconciles what is unknown', () => {
  it('finds what an unknown create made (by user, code and entrances), and sends once more what it did not make', async () => {
    await withServer({}, async (server, seam) => {
      const [user] = server.seed.acs_user_ids
      const [e0, e1] = server.seed.acs_entrance_ids
      const items = itemsFor(server, 2, 20)
      // Item 19 names entrances; a credential with the same user and code but other entrances
      // is there too, made by someone else: the entrance sets tell them apart.
      items[19] = { acs_user_id: user, access_method: 'code', code: '55500019', allowed_acs_entrance_ids: [e1, e0] }
      const decoy = await seam.acs.credentials.create({
        acs_user_id: user,
        access_method: 'code',
        code: '55500019',
        allowed_acs_entrance_ids: [e0],
      })
      const sentAt = Date.now()
      const report = JSON.parse(JSON.stringify(await seam.acs.credentials.createMany(items)))
      // As if the answers of items 0-4, 10-14 and 19 never came; 10-14 never reached the server.
      const unknown = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 19]
      for (const i of [10, 11, 12, 13, 14])
        await seam.acs.credentials.delete({ acs_credential_id: report.items[i].credential.acs_credential_id })
      for (const i of unknown) report.items[i] = { index: i, status: 'unknown', sentAt }
      server.requests.reset()
      const resumed = await seam.acs.credentials.createMany(items, { resume: report })
      assert.deepEqual(resumed.counts, { created: 20, failed: 0, unknown: 0, not_started: 0 })
      const sent = server.requests.filter((r) => r.path === '/acs/credentials/create').map((r) => r.body.code)
      assert.deepEqual(
        sent.sort(),
        [10, 11, 12, 13, 14].map((i) => items[i].code),
        'only what was not made is sent again',
      )
      assert.ok(
        server.requests.some((r) => r.path === '/acs/credentials/list_accessible_entrances'),
        'entrances were compared',
      )
      assert.notEqual(resumed.items[19].credential.acs_credential_id, decoy.acs_credential_id)
      assert.equal(resumed.items[19].credential.code, '55500019')
      const { duplicates, lost } = await countOnServer(server, seam, items.slice(0, 19))
      assert.deepEqual({ duplicates, lost }, { duplicates: 0, lost: 0 })
    })
  })
})

describe('the report of a refused item', () => {
  it('holds the typed error as plain data (name, message, code, status, request id), never the token', async () => {
    await withServer({}, async (server, seam) => {
      const nobody = '99999999-9999-4999-8999-999999999999'
      const report = await seam.acs.credentials.createMany([
        { acs_user_id: nobody, access_method: 'code', code: '4321' },
      ])
      assert.deepEqual(report.counts, { created: 0, failed: 1, unknown: 0, not_started: 0 })
      const { error } = report.items[0]
      assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'name', 'requestId', 'statusCode'])
      assert.deepEqual([error.name, error.statusCode], ['SeamApiError', 404])
      assert.match(error.code, /not_found/)
      assert.equal(error.requestId, server.requests.at(-1).request_id)
      assert.ok(!JSON.stringify(report).includes(server.seed.api_key))
    })
  })
})

describe('createMany validates every item before sending any', () => {
  it('reports every problem by item index and field, and sends nothing', async () => {
    await withServer({}, async (server, seam) => {
      const items = itemsFor(server)
      items[3] = { ...items[3], code: '12a' }
      items[500] = { access_method: 'code', code: '1234' }
      items[999] = { ...items[999], ends_at: '2001-01-01T00:00:00Z', colour: 'red' }
      const refused = await seam.acs.credentials.createMany(items).catch((error) => error)
      assert.ok(refused instanceof SeamValidationError, String(refused))
      assert.deepEqual(refused.issues.map((issue) => `${issue.path} ${issue.code}`).sort(), [
        '[3].code pattern',
        '[500].acs_user_id missing_one_of',
        '[999].colour unknown_field',
        '[999].ends_at past',
      ])
      assert.equal(creates(server), 0)
      // Bad options are named too, with the items' problems.
      const options = await seam.acs.credentials
        .createMany([{}], { concurrency: 0, onProgress: 'no', signal: {} })
        .catch((e) => e)
      assert.deepEqual(options.issues.map((issue) => issue.path).sort(), [
        '[0].access_method',
        '[0].acs_user_id',
        'concurrency',
        'onProgress',
        'signal',
      ])
      assert.equal(creates(server), 0)
    })
  })

  it('with skipInvalid, sends only the valid items and reports the others as failed', async () => {
    await withServer({}, async (server, seam) => {
      const items = itemsFor(server)
      items[3] = { ...items[3], code: '12a' }
      items[500] = { access_method: 'code', code: '1234' }
      const report = await seam.acs.credentials.createMany(items, { skipInvalid: true })
      assert.deepEqual(report.counts, { created: N - 2, failed: 2, unknown: 0, not_started: 0 })
      assert.equal(creates(server), N - 2)
      assert.deepEqual(
        report.items[3].error.issues.map((issue) => issue.path),
        ['[3].code'],
      )
      assert.equal(report.items[3].error.name, 'SeamValidationError')
      assert.equal(report.items[500].status, 'failed')
      const { duplicates, lost } = await countOnServer(
        server,
        seam,
        items.filter((_, i) => i !== 3 && i !== 500),
      )
      assert.deepEqual({ duplicates, lost }, { duplicates: 0, lost: 0 })
    })
  })
})

describe('deleteMany', () => {
  it('deletes ids and { acs_credential_id } objects; an id already gone (404) counts as deleted', async () => {
    await withServer({ rate: RATE, burst: BURST }, async (server, seam) => {
      const items = itemsFor(server, 1, 200)
      const made = await seam.acs.credentials.createMany(items)
      const ids = made.items.map((item) => item.credential.acs_credential_id)
      for (const id of ids.slice(0, 20)) await seam.acs.credentials.delete({ acs_credential_id: id })
      server.requests.reset()
      const report = await seam.acs.credentials.deleteMany(ids.map((id, i) => (i % 2 ? { acs_credential_id: id } : id)))
      assert.deepEqual(report.counts, { deleted: 200, failed: 0, unknown: 0, not_started: 0 })
      assert.equal(report.action, 'delete')
      const answered404 = server.requests.filter((r) => r.path === '/acs/credentials/delete' && r.status === 404).length
      assert.equal(answered404, 20)
      const { lost } = await countOnServer(server, seam, items)
      assert.equal(lost, 200, 'none left')
      // An id that is not a UUID is named before anything is sent.
      const refused = await seam.acs.credentials.deleteMany(['nope', ids[0]]).catch((e) => e)
      assert.deepEqual(
        refused.issues.map((issue) => issue.path),
        ['[0].acs_credential_id'],
      )
    })
  })
})

describe('assignMany and unassignMany', () => {
  it('move 200 credentials to another user and take them away, with resets and 503s: the server ends as asked', async () => {
    await withServer({ rate: RATE, burst: BURST }, async (server, seam) => {
      const made = await seam.acs.credentials.createMany(
        itemsFor(server, 2, 200).map((item) => ({ ...item, acs_user_id: server.seed.acs_user_ids[0] })),
      )
      const credentials = made.items.map((item) => item.credential)
      // Another user of the same system.
      const { acs_system_id: system, acs_user_id: first } = credentials[0]
      const users = await seam.acs.users.list({ acs_system_id: system })
      const other = users.find((user) => user.acs_user_id !== first).acs_user_id
      const onServer = async () => {
        const settings = server.limits.settings
        server.limits.configure({})
        const byId = new Map()
        for await (const c of seam.acs.credentials.iterate({})) byId.set(c.acs_credential_id, c.acs_user_id ?? null)
        server.limits.configure(settings)
        return credentials.map((c) => byId.get(c.acs_credential_id))
      }

      server.limits.configure({ rate: RATE, burst: BURST, resetPerMille: 50, unavailablePerMille: 50, seed: 7 })
      const assigned = await seam.acs.credentials.assignMany(
        credentials.map((c) => ({ acs_credential_id: c.acs_credential_id, acs_user_id: other })),
      )
      assert.equal(assigned.action, 'assign')
      assert.deepEqual(assigned.counts, { assigned: 200, failed: 0, unknown: 0, not_started: 0 })
      assert.ok(assigned.items.every((item) => item.credential?.acs_user_id === other))
      assert.deepEqual(
        await onServer(),
        credentials.map(() => other),
      )
      const faults = { ...server.limits.counts }
      assert.ok(faults.reset > 0 && faults.unavailable > 0, JSON.stringify(faults))

      const unassigned = await seam.acs.credentials.unassignMany(
        credentials.map((c) => ({ acs_credential_id: c.acs_credential_id, acs_user_id: other })),
      )
      assert.equal(unassigned.action, 'unassign')
      // An unassign whose first send was lost and whose re-send was refused ("not assigned to
      // this user") stays unknown with that error: the first may have done it.
      for (const item of unassigned.items) {
        if (item.status === 'unknown') assert.equal(item.error?.code, 'invalid_input', JSON.stringify(item))
        else assert.equal(item.status, 'unassigned', JSON.stringify(item))
      }
      assert.deepEqual(
        await onServer(),
        credentials.map(() => null),
      )

      // Items are checked before anything is sent.
      server.requests.reset()
      const refused = await seam.acs.credentials
        .assignMany([
          { acs_credential_id: credentials[0].acs_credential_id, acs_user_id: other },
          { acs_user_id: other },
        ])
        .catch((e) => e)
      assert.equal(refused.name, 'SeamValidationError')
      assert.deepEqual(
        refused.issues.map((issue) => issue.path),
        ['[1].acs_credential_id'],
      )
      assert.equal(server.requests.filter((r) => r.path === '/acs/credentials/assign').length, 0)
    })
  })
})
