// End-to-end test of the console's front-desk flow (issue 13) in Debian's Chromium against the
// local Seam server: create a card for a person picked by name, encode it at a desk encoder
// (first a failure forced through the sandbox's simulate route, then a success), scan it, and
// see it in the person's Users view. Each step checks what reached the server (its request
// log). Screenshots go to artifacts/screenshots/.
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

let opened
let server
let page

const text = (selector) => page.locator(selector).innerText()
const requestsTo = (apiPath) => server.requests.filter((r) => r.path === apiPath)
/** What a logged request asked for, whether the package sent it as a body or a query. */
const paramsOf = (request) => ({ ...request.query, ...request.body })
const screenshot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })

const mia = () => server.seed.acs_user_ids[2] // Mia Patel at the hotel
const room201 = () => server.seed.acs_entrance_ids[2]
const hotel = () => server.seed.acs_system_ids[0]
const frontDesk = () => server.seed.acs_encoder_ids[0]

describe('admin console: people by name, encoding and scanning cards', { timeout: 60_000 }, () => {
  before(async () => {
    opened = await openConsole()
    ;({ server, page } = opened)
    await page.click(byTestId('connect-submit')) // the API key is prefilled
    await eventually(async () => assert.match(await text(byTestId('connection-status')), /^Connected with an API key/))
  })

  after(() => opened?.close())

  let cardId

  it('creates a card for a person picked by name', async () => {
    server.requests.reset()
    await page.click(byTestId('open-create'))
    await page.selectOption(byTestId('create-access-method'), 'card')
    await page.selectOption(byTestId('create-system'), { label: 'Grand Harbor Hotel' })
    await page.fill(byTestId('create-person-search'), 'mia')
    const option = page.locator(byTestId('create-person-option'))
    await eventually(async () => assert.deepEqual(await option.locator('.name').allInnerTexts(), ['Mia Patel']))
    await screenshot('create-person-picker')
    await option.click()
    assert.match(await text(byTestId('create-person-chosen')), /^Mia Patel .*Grand Harbor Hotel/)
    // Only the hotel's entrances are offered once the hotel is picked.
    const offered = await page
      .locator(byTestId('create-entrance-option'))
      .evaluateAll((inputs) => inputs.map((i) => i.dataset.entranceName))
    assert.deepEqual(offered, ['Room 101', 'Room 102', 'Room 201', 'Main Entrance', 'Pool & Spa'])
    await page.check(`${byTestId('create-entrance-option')}[value="${room201()}"]`)
    await eventually(async () => assert.equal(await page.isEnabled(byTestId('create-submit')), true))
    await page.click(byTestId('create-submit'))

    const newRow = page.locator(`${byTestId('credential-row')}.is-new`)
    await newRow.waitFor()
    cardId = await newRow.getAttribute('data-credential-id')
    assert.equal(await newRow.locator(byTestId('cell-user')).innerText(), 'Mia Patel')
    assert.equal(await newRow.locator(byTestId('warning-badge')).innerText(), 'waiting_to_be_issued')

    // The search went to the server, scoped to the hotel; the create names Mia's hotel user.
    const searches = requestsTo('/acs/users/list').map(paramsOf)
    assert.ok(
      searches.some((p) => p.search === 'mia' && p.acs_system_id === hotel()),
      JSON.stringify(searches),
    )
    assert.deepEqual(requestsTo('/acs/credentials/create').map(paramsOf), [
      { access_method: 'card', acs_user_id: mia(), allowed_acs_entrance_ids: [room201()] },
    ])
  })

  it('shows the encode failure forced through the sandbox', async () => {
    server.requests.reset()
    await page.locator(`${byTestId('credential-row')}[data-credential-id="${cardId}"]`).click()
    assert.match(await text(byTestId('card-state')), /Not encoded yet/)
    await page.click(byTestId('encode-start'))
    const encoder = page.locator(byTestId('encode-encoder'))
    await eventually(async () =>
      assert.deepEqual(await encoder.locator('option').allInnerTexts(), ['Front desk encoder', 'Back office encoder']),
    )
    assert.equal(await encoder.inputValue(), frontDesk())

    assert.match(await text(byTestId('encode-sandbox')), /^Sandbox only /)
    await page.click(byTestId('simulate-encode-failure'))
    await eventually(async () =>
      assert.equal(await text(byTestId('simulate-state')), 'The next encode on Front desk encoder will fail.'),
    )
    await page.click(byTestId('encode-submit'))
    // The attempt is pending for a while (400 ms on the local server): its progress shows.
    await eventually(
      async () => assert.match(await text(byTestId('attempt-status')), /^Encoding on Front desk encoder/),
      2_000,
    )
    assert.equal(await page.locator(`${byTestId('encode-progress')} progress`).count(), 1)
    await screenshot('encode-progress')
    const progress = page.locator(byTestId('encode-progress'))
    await eventually(async () => assert.equal(await progress.getAttribute('data-state'), 'error'))
    assert.match(await progress.innerText(), /^The card was not encoded on Front desk encoder/)
    assert.equal(await progress.locator(byTestId('error-code')).innerText(), 'no_credential_on_encoder')
    await screenshot('encode-failure')

    assert.deepEqual(requestsTo('/acs/encoders/simulate/next_credential_encode_will_fail').map(paramsOf), [
      { acs_encoder_id: frontDesk() },
    ])
    const encodes = requestsTo('/acs/encoders/encode_credential')
    assert.deepEqual(encodes.map(paramsOf), [{ acs_encoder_id: frontDesk(), acs_credential_id: cardId }])
    const attemptId = await progress.locator(byTestId('error-attempt-id')).innerText()
    assert.ok(requestsTo('/action_attempts/get').some((r) => paramsOf(r).action_attempt_id === attemptId))
  })

  let cardNumber

  it('encodes the card on the next try', async () => {
    server.requests.reset()
    await page.click(byTestId('encode-submit')) // "Try again"
    await eventually(async () =>
      assert.match(await text(byTestId('detail-notice')), /^Card encoded on Front desk encoder: card number /),
    )
    cardNumber = (await text(byTestId('detail-notice'))).match(/card number (\w+)\./)[1]
    assert.match(await text(byTestId('card-state')), new RegExp(`^Encoded on .*, card number ${cardNumber}$`))
    const row = page.locator(`${byTestId('credential-row')}[data-credential-id="${cardId}"]`)
    assert.equal(await row.locator(byTestId('warning-badge')).count(), 0)
    await screenshot('encode-success')

    assert.deepEqual(requestsTo('/acs/encoders/encode_credential').map(paramsOf), [
      { acs_encoder_id: frontDesk(), acs_credential_id: cardId },
    ])
    const stored = await (
      await fetch(`${server.url}/acs/credentials/get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.seed.api_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ acs_credential_id: cardId }),
      })
    ).json()
    assert.equal(stored.acs_credential.is_issued, true)
    assert.equal(stored.acs_credential.card_number, cardNumber)
  })

  it('scans the card on the encoder', async () => {
    server.requests.reset()
    await page.click(byTestId('detail-close'))
    await page.click(byTestId('open-scan'))
    const encoder = page.locator(byTestId('scan-encoder'))
    await eventually(async () =>
      assert.deepEqual(await encoder.locator('option').allInnerTexts(), [
        'Front desk encoder · Grand Harbor Hotel',
        'Back office encoder · Grand Harbor Hotel',
        'IT desk encoder · Harbor Offices',
      ]),
    )
    await page.click(byTestId('scan-submit'))
    await eventually(async () => assert.equal(await text(byTestId('scan-card-number')), cardNumber))
    assert.equal(await text(byTestId('scan-credential')), 'Room 201')
    assert.equal(await text(byTestId('scan-person')), 'Mia Patel · Grand Harbor Hotel')
    await screenshot('scan-result')
    assert.deepEqual(requestsTo('/acs/encoders/scan_credential').map(paramsOf), [{ acs_encoder_id: frontDesk() }])
    await page.click(byTestId('scan-close'))
  })

  it("shows the person's credentials and accessible entrances in the Users view", async () => {
    await page.click(byTestId('tab-users'))
    await page.fill(byTestId('users-search'), 'mia')
    const people = page.locator(byTestId('user-row'))
    await eventually(async () =>
      assert.deepEqual(await people.evaluateAll((trs) => trs.map((tr) => tr.dataset.userId)), [mia()]),
    )
    await people.click()
    assert.equal(await text(byTestId('user-title')), 'Mia Patel')
    assert.equal(await text(byTestId('user-system')), 'Grand Harbor Hotel')
    const mine = page.locator(`${byTestId('user-credential-row')}[data-credential-id="${cardId}"]`)
    await mine.waitFor()
    await eventually(async () =>
      assert.ok((await page.locator(byTestId('user-entrance')).allInnerTexts()).some((e) => e.startsWith('Room 201'))),
    )
    const entrances = requestsTo('/acs/users/list_accessible_entrances').map(paramsOf)
    assert.deepEqual(entrances.at(-1), { acs_user_id: mia() })
    await screenshot('users-view')
  })

  it('met no Content-Security-Policy violation, and would have seen one', async () => {
    await assertNoCspViolation(page, opened.cspViolations)
  })

  it('never logs a token and has no page errors', () => {
    assertCleanConsole(opened.consoleLines, server.seed)
  })
})
