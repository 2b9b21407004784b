// The bulk CSV format (cli/lib/csv.mjs), shared by the seam-acs command and the console:
// rows to createMany items, every problem named by row and column, e-mails and entrance names
// resolved against the local Seam server's seed (tests/fake-seam/README.md, "Seed").
//
// Run: node tests/link-package.mjs && cd tests && node --test cli/csv.test.mjs

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'

import { SeamClient } from 'seam-acs-wasm'

import {
  CREATE_COLUMNS,
  formatIssue,
  loadDirectory,
  parseCsv,
  parseDeleteList,
  resolveCreateRows,
} from '../../cli/lib/csv.mjs'
import { startFakeSeam } from '../fake-seam/server.mjs'

// The seed's order: users (hotel) Ava, Noah, Mia, Lucas, Grace, Oliver, (offices) Ava, Emma,
// James, Sofia; entrances Room 101, Room 102, Room 201, Main Entrance, Pool & Spa, Front Door, ...
const USER = { avaHotel: 0, mia: 2, avaOffices: 6, emma: 7 }
const ENTRANCE = { room201: 2, mainEntrance: 3, frontDoor: 5 }

let server
let directory
before(async () => {
  server = await startFakeSeam()
  const seam = SeamClient.fromApiKey(server.seed.api_key, { endpoint: server.url })
  directory = await loadDirectory(seam)
})
after(() => server?.close())

const rowsOf = (text) => {
  const { rows, issues } = parseCsv(text, CREATE_COLUMNS)
  assert.deepEqual(issues, [])
  return rows
}

describe('create CSV', () => {
  it('good rows: e-mails, ids, the ACS system by name or id, entrances by name, dates', () => {
    const { seed } = server
    const text = [
      'user_email,acs_user_id,acs_system,access_method,code,starts_at,ends_at,entrances',
      'mia.patel@example.com,,,code,123456,,,Room 201; Main Entrance',
      `"Ava.Thompson@Example.com",,Harbor Offices,code,223456,2031-01-01T15:00:00Z,2031-01-03T11:00:00Z,Front Door`,
      `ava.thompson@example.com,,${seed.acs_system_ids[0]},code,323456,,,`,
      `,${seed.acs_user_ids[USER.emma]},,code,423456,,, `,
    ].join('\r\n')
    const { items, issues } = resolveCreateRows(rowsOf(text), directory)
    assert.deepEqual(issues, [])
    assert.deepEqual(items, [
      {
        row: 2,
        params: {
          access_method: 'code',
          code: '123456',
          acs_user_id: seed.acs_user_ids[USER.mia],
          allowed_acs_entrance_ids: [
            seed.acs_entrance_ids[ENTRANCE.room201],
            seed.acs_entrance_ids[ENTRANCE.mainEntrance],
          ],
        },
      },
      {
        row: 3,
        params: {
          access_method: 'code',
          code: '223456',
          starts_at: '2031-01-01T15:00:00Z',
          ends_at: '2031-01-03T11:00:00Z',
          acs_user_id: seed.acs_user_ids[USER.avaOffices],
          allowed_acs_entrance_ids: [seed.acs_entrance_ids[ENTRANCE.frontDoor]],
        },
      },
      { row: 4, params: { access_method: 'code', code: '323456', acs_user_id: seed.acs_user_ids[USER.avaHotel] } },
      { row: 5, params: { access_method: 'code', code: '423456', acs_user_id: seed.acs_user_ids[USER.emma] } },
    ])
  })

  it('three invalid rows among good ones, each named by row and column', () => {
    const text = [
      'user_email,access_method,code,entrances',
      'mia.patel@example.com,code,123456,Room 201',
      'nobody@example.com,code,123457,Room 201',
      'mia.patel@example.com,code,12a458,Room 201',
      'oliver.brown@example.com,code,123459,Room 201; Rooftop',
      'emma.wilson@example.com,code,123460,Front Door',
    ].join('\n')
    const { items, issues } = resolveCreateRows(rowsOf(text), directory)
    assert.deepEqual(
      issues.map(({ row, column }) => ({ row, column })),
      [
        { row: 3, column: 'user_email' },
        { row: 4, column: 'code' },
        { row: 5, column: 'entrances' },
      ],
    )
    assert.match(issues[0].message, /no ACS user has the e-mail nobody@example\.com/)
    assert.match(issues[1].message, /digits/)
    assert.equal(formatIssue(issues[2]), 'row 5, column entrances: no entrance is named "Rooftop"')
    assert.equal(items.length, 5, 'every row has an item, for --skip-invalid to report')
  })

  it('an e-mail in two ACS systems is ambiguous until acs_system says which; unknown systems are named', () => {
    const text =
      'user_email,acs_system,access_method,code\nava.thompson@example.com,,code,111111\nava.thompson@example.com,Nowhere Inn,code,111112\n'
    const { issues } = resolveCreateRows(rowsOf(text), directory)
    assert.deepEqual(
      issues.map(({ row, column }) => ({ row, column })),
      [
        { row: 2, column: 'user_email' },
        { row: 3, column: 'acs_system' },
      ],
    )
    assert.match(issues[0].message, /2 ACS users have the e-mail ava\.thompson@example\.com/)
  })

  it('offline (no directory yet): checks what needs no API and looks nothing up', () => {
    const text =
      'user_email,access_method,code,entrances\nnobody@example.com,code,123456,Nowhere\n,code,1,\nmia.patel@example.com,badge,123,\n'
    const { issues } = resolveCreateRows(rowsOf(text), null)
    assert.deepEqual(
      issues.map(({ row, column }) => ({ row, column })),
      [
        { row: 3, column: 'user_email' },
        { row: 4, column: 'access_method' },
      ],
    )
  })

  it('CSV problems: an unknown column (a typo) and an unclosed quote', () => {
    const { issues } = parseCsv('user_email,acces_method,code\nmia.patel@example.com,code,"123\n', CREATE_COLUMNS)
    assert.deepEqual(
      issues.map(({ row, column }) => ({ row, column })),
      [
        { row: 2, column: null },
        { row: 1, column: 'acces_method' },
      ],
    )
    assert.match(issues[0].message, /Quote/i)
  })
})

describe('delete list', () => {
  const [a, b] = ['1209a956-0000-4000-8000-00000000003d', '1209a956-0000-4000-8000-00000000003e']

  it('one id per line (blank lines skipped), a bad id named by line', () => {
    const { ids, rows, issues } = parseDeleteList(`${a}\n\n${b}\nnot-an-id\n`)
    assert.deepEqual(ids, [a, b, 'not-an-id'])
    assert.deepEqual(rows, [1, 3, 4])
    assert.deepEqual(
      issues.map(({ row, column }) => ({ row, column })),
      [{ row: 4, column: null }],
    )
  })

  it('a CSV with an acs_credential_id column, other columns ignored', () => {
    const { ids, rows, issues } = parseDeleteList(`code,acs_credential_id\n123456,${a}\n223456,${b}\n323456,\n`)
    assert.deepEqual(ids, [a, b])
    assert.deepEqual(rows, [2, 3])
    assert.deepEqual(issues, [{ row: 4, column: 'acs_credential_id', message: 'no acs_credential_id on this row' }])
  })
})
