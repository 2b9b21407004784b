// End-to-end test of the admin console (www/) in Debian's Chromium, driven by playwright-core,
// against the local Seam server with its deterministic seed (tests/fake-seam/seed.mjs).
// The steps run in order and share one page: connect with a client session token, reconnect
// with the API key, create (with live validation), update, assign/unassign, check who has
// access to an entrance, delete. Screenshots go to artifacts/screenshots/.
//
//   cd tests && node --test e2e/

import assert from 'node:assert/strict'
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

let server
let page
let opened

const rows = () => page.locator(byTestId('credential-row'))
const rowIds = () => rows().evaluateAll((trs) => trs.map((tr) => tr.dataset.credentialId))
const rowOf = (id) => page.locator(`${byTestId('credential-row')}[data-credential-id="${id}"]`)
const text = (selector) => page.locator(selector).innerText()
const requestsTo = (apiPath) => server.requests.filter((r) => r.path === apiPath)

async function connect(kind, token) {
  await page.selectOption(byTestId('connect-kind'), kind)
  await page.fill(byTestId('connect-token'), token)
  await page.click(byTestId('connect-submit'))
  const label = kind === 'api_key' ? 'an API key' : 'a client session token'
  await eventually(async () =>
    assert.equal(await text(byTestId('connection-status')), `Connected with ${label} to ${server.url}`),
  )
  await eventually(async () => assert.equal(await rows().count(), 20))
}

describe('admin console', { timeout: 60_000 }, () => {
  before(async () => {
    opened = await openConsole()
    ;({ server, page } = opened)
  })

  after(() => opened?.close())

  it('prefills the connect panel from /config.json', async () => {
    assert.equal(await page.inputValue(byTestId('connect-endpoint')), server.url)
    assert.equal(await page.inputValue(byTestId('connect-token')), server.seed.api_key)
    assert.equal(await page.inputValue(byTestId('connect-kind')), 'api_key')
  })

  it('1. lists the seeded credentials with the client session token', async () => {
    await connect('client_session', server.seed.client_session_token)
    const names = await page.locator(`${byTestId('credential-row')} .name`).allInnerTexts()
    assert.deepEqual(names.slice(0, 4), [
      'Room 101, Main Entrance, Pool & Spa',
      'Salto KS PIN Code',
      'Room 102, Main Entrance',
      'Salto KS Tag',
    ])
    assert.deepEqual(await rowIds(), server.seed.acs_credential_ids.slice(0, 20))
    // People and systems by name (seam.acs.users / seam.acs.systems), not by id.
    await eventually(async () =>
      assert.equal(await rows().nth(0).locator(byTestId('cell-user')).innerText(), 'Ava Thompson'),
    )
    const systemOptions = await page.locator(`${byTestId('filter-system')} option`).allInnerTexts()
    assert.deepEqual(systemOptions, ['All systems', 'Grand Harbor Hotel', 'Harbor Offices'])
    assert.match(await text(byTestId('credentials-count')), /20 credentials shown · more available/)
    // The seed's one warning on the third credential (a Visionline card waiting to be encoded).
    assert.equal(await rows().nth(2).locator(byTestId('warning-badge')).innerText(), 'waiting_to_be_issued')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'credentials-table.png') })

    // Paging with listPage + "Load more", 20 at a time, until the seed's 60.
    await page.click(byTestId('load-more'))
    await eventually(async () => assert.equal(await rows().count(), 40))
    await page.click(byTestId('load-more'))
    await eventually(async () => assert.equal(await rows().count(), 60))
    assert.deepEqual(await rowIds(), server.seed.acs_credential_ids)
    assert.equal(await page.isHidden(byTestId('load-more')), true)
    assert.match(await text(byTestId('credentials-count')), /60 credentials shown · all loaded/)

    // Search goes to the server: the seed has 15 Salto KS PIN codes.
    await page.fill(byTestId('filter-search'), 'pin code')
    await eventually(async () => assert.equal(await rows().count(), 15))
    const found = await page.locator(`${byTestId('credential-row')} .name`).allInnerTexts()
    assert.ok(
      found.every((name) => name === 'Salto KS PIN Code'),
      found.join(' | '),
    )
    await page.fill(byTestId('filter-search'), '')
    await eventually(async () => assert.equal(await rows().count(), 20))

    // Encoding and scanning need an API key too: the card waiting to be encoded offers no encode.
    await rows().nth(2).click()
    assert.match(await text(byTestId('card-state')), /Not encoded yet/)
    assert.equal(await page.isVisible(byTestId('encode-needs-api-key')), true)
    assert.equal(await page.locator(byTestId('encode-start')).count(), 0)
    await page.click(byTestId('detail-close'))
    await page.click(byTestId('open-scan'))
    assert.equal(await page.isVisible(byTestId('scan-needs-api-key')), true)
    await page.click(byTestId('scan-close'))
    assert.deepEqual(
      server.requests.filter((r) => r.path.startsWith('/acs/encoders/')),
      [],
    )

    // Creating needs an API key: the form says so and cannot be submitted.
    await page.click(byTestId('open-create'))
    assert.equal(await page.isVisible(byTestId('create-needs-api-key')), true)
    assert.equal(await page.isDisabled(byTestId('create-submit')), true)
    await page.click(byTestId('create-close'))
  })

  let newId
  const user = () => server.seed.acs_user_ids[6] // Ava Thompson in the Salto KS site
  const otherUser = () => server.seed.acs_user_ids[7] // Emma Wilson, same site
  const frontDoor = () => server.seed.acs_entrance_ids[5]
  const serverRoom = () => server.seed.acs_entrance_ids[6]

  it('2. validates the create form live, sends nothing while invalid, then creates', async () => {
    await connect('api_key', server.seed.api_key)
    server.requests.reset()
    await page.click(byTestId('open-create'))
    await page.selectOption(byTestId('create-access-method'), 'code')
    // The person by name: Ava Thompson is in both systems, the office's is picked.
    await page.selectOption(byTestId('create-system'), { label: 'Harbor Offices' })
    await page.fill(byTestId('create-person-search'), 'ava')
    await page.click(`${byTestId('create-person-option')}[data-user-id="${user()}"]`)
    assert.match(
      await text(byTestId('create-person-chosen')),
      /^Ava Thompson ava\.thompson@example\.com · Harbor Offices/,
    )
    await page.locator(byTestId('create-code')).pressSequentially('12a4')

    const codeError = page.locator(`${byTestId('issues-code')} li.error`)
    await eventually(async () => assert.match(await codeError.innerText(), /digits/))
    assert.equal(await page.isDisabled(byTestId('create-submit')), true)
    // Clicking the disabled button does nothing either.
    await page.click(byTestId('create-submit'), { force: true })
    await page.screenshot({ path: path.join(SCREENSHOTS, 'create-form-error.png') })
    assert.deepEqual(requestsTo('/acs/credentials/create'), [], 'no create request while the form is invalid')

    await page.fill(byTestId('create-code'), '4829')
    await page.fill(byTestId('create-starts-at'), '2030-01-01T09:00')
    await page.fill(byTestId('create-ends-at'), '2031-01-01T18:00')
    await page.check(`${byTestId('create-entrance-option')}[value="${frontDoor()}"]`)
    await page.check(`${byTestId('create-entrance-option')}[value="${serverRoom()}"]`)
    await eventually(async () => assert.equal(await page.isEnabled(byTestId('create-submit')), true))
    assert.equal(await page.locator(`${byTestId('create-form')} .issues li`).count(), 0)
    await page.click(byTestId('create-submit'))

    const newRow = page.locator(`${byTestId('credential-row')}.is-new`)
    await newRow.waitFor()
    await page.waitForSelector(byTestId('create-drawer'), { state: 'hidden' })
    newId = await newRow.getAttribute('data-credential-id')
    assert.match(await newRow.innerText(), /Salto KS PIN Code[\s\S]*4829/)
    assert.equal(await newRow.locator(byTestId('cell-user')).innerText(), 'Ava Thompson')
    assert.equal(await rows().count(), 21)

    const creates = requestsTo('/acs/credentials/create')
    assert.equal(creates.length, 1, 'exactly one create request')
    assert.equal(creates[0].status, 200)
    assert.deepEqual(creates[0].body, {
      access_method: 'code',
      acs_user_id: user(),
      code: '4829',
      starts_at: '2030-01-01T09:00:00.000Z',
      ends_at: '2031-01-01T18:00:00.000Z',
      allowed_acs_entrance_ids: [frontDoor(), serverRoom()],
    })
  })

  it('3. updates ends_at from the detail', async () => {
    await rowOf(newId).click()
    await page.waitForSelector(byTestId('detail-drawer'), { state: 'visible' })
    assert.equal(await text(byTestId('detail-id')), newId)
    assert.match(await text(byTestId('detail-ends-at')), /2031-01-01T18:00:00\.000Z/)
    assert.match(await text(byTestId('detail-code')), /4829/)

    // A date in the past is refused live.
    await page.fill(byTestId('update-ends-at'), '2020-01-01T00:00')
    await eventually(async () => assert.match(await text(`${byTestId('update-issues-ends_at')} li.error`), /future/))
    assert.equal(await page.isDisabled(byTestId('update-submit')), true)

    await page.fill(byTestId('update-ends-at'), '2032-06-30T12:00')
    await eventually(async () => assert.equal(await page.isEnabled(byTestId('update-submit')), true))
    await page.click(byTestId('update-submit'))
    await eventually(async () => assert.match(await text(byTestId('detail-ends-at')), /2032-06-30T12:00:00\.000Z/))
    assert.match(await text(byTestId('detail-notice')), /Updated ends_at/)
    assert.match(await rowOf(newId).innerText(), /2032-06-30 12:00/)
    assert.deepEqual(
      requestsTo('/acs/credentials/update').map((r) => r.body),
      [{ acs_credential_id: newId, ends_at: '2032-06-30T12:00:00.000Z' }],
    )
    await page.screenshot({ path: path.join(SCREENSHOTS, 'credential-detail.png') })
  })

  it('4. assigns and unassigns a user', async () => {
    assert.equal(await text(byTestId('detail-system')), 'Harbor Offices')
    assert.equal(await text(byTestId('detail-user')), `Ava Thompson · Harbor Offices\n${user()}`)
    // The picker by keyboard: type, ↓ to the match, Enter.
    await page.fill(byTestId('assign-person-search'), 'emma')
    const options = page.locator(byTestId('assign-person-option'))
    await eventually(async () =>
      assert.deepEqual(await options.evaluateAll((lis) => lis.map((li) => li.dataset.userId)), [otherUser()]),
    )
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    assert.match(await text(byTestId('assign-person-chosen')), /^Emma Wilson /)
    await page.click(byTestId('assign-submit'))
    await eventually(async () =>
      assert.equal(await text(byTestId('detail-user')), `Emma Wilson · Harbor Offices\n${otherUser()}`),
    )

    await page.click(byTestId('unassign-submit'))
    await eventually(async () => assert.equal(await text(byTestId('detail-user')), 'No user'))
    assert.match(
      await text(`${byTestId('credential-row')}[data-credential-id="${newId}"] ${byTestId('cell-user')}`),
      /unassigned/,
    )
    assert.deepEqual(
      requestsTo('/acs/credentials/unassign').map((r) => r.body),
      [{ acs_credential_id: newId, acs_user_id: otherUser() }],
    )
  })

  it('5. shows the credential among those with access to an entrance it allows', async () => {
    const accessible = page.locator(byTestId('detail-entrance'))
    await eventually(async () => assert.deepEqual(await accessible.allInnerTexts(), ['Front Door', 'Server Room']))

    await page.click(byTestId('tab-entrances'))
    // Systems by name (seam.acs.systems.list()), not by id.
    const systems = await page.locator(`${byTestId('entrance-row')} ${byTestId('cell-system')}`).allInnerTexts()
    assert.deepEqual(systems, [...Array(5).fill('Grand Harbor Hotel'), ...Array(3).fill('Harbor Offices')])
    await page.click(`${byTestId('entrance-row')}[data-entrance-id="${frontDoor()}"]`)
    await eventually(async () => assert.match(await text(byTestId('access-title')), /Front Door/))
    const mine = page.locator(`${byTestId('access-row')}[data-credential-id="${newId}"]`)
    await mine.waitFor()
    const count = await page.locator(byTestId('access-row')).count()
    assert.equal(await text(byTestId('access-count')), `${count} credentials with access`)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'entrance-access.png') })

    // A door it does not allow does not list it.
    await page.click(`${byTestId('entrance-row')}[data-entrance-id="${server.seed.acs_entrance_ids[7]}"]`)
    await eventually(async () => assert.match(await text(byTestId('access-title')), /Parking Gate/))
    await page.locator(byTestId('access-row')).first().waitFor()
    assert.equal(await mine.count(), 0)
  })

  it('6. deletes it after the in-page confirmation', async () => {
    await page.click(byTestId('tab-credentials'))
    await rowOf(newId).click()
    await page.click(byTestId('delete-start'))
    await page.waitForSelector(byTestId('delete-confirm'), { state: 'visible' })
    assert.deepEqual(requestsTo('/acs/credentials/delete'), [], 'nothing deleted before the confirmation')
    await page.click(byTestId('delete-confirm-button'))

    await eventually(async () => assert.equal(await rowOf(newId).count(), 0))
    await page.waitForSelector(byTestId('detail-drawer'), { state: 'hidden' })
    assert.match(await text(byTestId('credentials-notice')), /Deleted/)
    const deletes = requestsTo('/acs/credentials/delete')
    assert.equal(deletes.length, 1)
    assert.equal(deletes[0].status, 200)

    // The server agrees.
    const answer = await fetch(`${server.url}/acs/credentials/get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.seed.api_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ acs_credential_id: newId }),
    })
    assert.equal(answer.status, 404)
  })

  it('met no Content-Security-Policy violation, and would have seen one', async () => {
    // The policy is in force (from the header, the page has no <meta> one) and the listener hears it.
    await assertNoCspViolation(page, opened.cspViolations)
  })

  it('never logs a token and has no page errors', () => {
    assertCleanConsole(opened.consoleLines, server.seed)
  })
})
