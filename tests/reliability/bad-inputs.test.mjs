// Invalid parameters never reach the network: every row below is refused locally with a
// SeamValidationError naming the expected parameter(s), the server receives nothing,
// and validateRequest(path, params) reports the same issues.
//
//   cd tests && node --test reliability/bad-inputs.test.mjs

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  parseAcsCredential,
  parseEvent,
  SeamClient,
  SeamError,
  SeamValidationError,
  validateRequest,
} from 'seam-acs-wasm'

import { bodyProperties, bodySchema, documented, loadOpenApi, methodOf } from '../contract/documented.mjs'
import { credential, entrance, IDS, ok, startFaultServer } from './fault-server.mjs'

const U = '3c90c3cc-0d44-4b50-8888-8dd25736052a' // a valid UUID
const U2 = '6f1b1c9e-58a2-4d7b-9f0c-2a3f8e4b7c11'
const FUTURE = '2035-06-01T12:00:00Z'
const LATER = '2036-01-01T00:00:00Z'
const PAST = '2020-01-01T00:00:00Z'
const LONG_ID = 'a'.repeat(100_000)
const CODE = { acs_user_id: U, access_method: 'code' } // a create missing nothing but what a row adds

const METHODS = {
  'credentials.create': '/acs/credentials/create',
  'credentials.get': '/acs/credentials/get',
  'credentials.list': '/acs/credentials/list',
  'credentials.listPage': '/acs/credentials/list',
  'credentials.update': '/acs/credentials/update',
  'credentials.assign': '/acs/credentials/assign',
  'credentials.unassign': '/acs/credentials/unassign',
  'credentials.delete': '/acs/credentials/delete',
  'credentials.listAccessibleEntrances': '/acs/credentials/list_accessible_entrances',
  'entrances.get': '/acs/entrances/get',
  'entrances.list': '/acs/entrances/list',
  'entrances.listPage': '/acs/entrances/list',
  'entrances.listCredentialsWithAccess': '/acs/entrances/list_credentials_with_access',
  'systems.list': '/acs/systems/list',
}

// [method, what is wrong, params, expected issue paths (each must be among the issues)]
const ROWS = [
  // ---- create
  [
    'credentials.create',
    'acs_user_id not a UUID',
    { ...CODE, acs_user_id: 'not-a-uuid', code: '1234' },
    ['acs_user_id'],
  ],
  [
    'credentials.create',
    'UUID without hyphens',
    { ...CODE, credential_manager_acs_system_id: '3c90c3cc0d444b5088888dd25736052a' },
    ['credential_manager_acs_system_id'],
  ],
  ['credentials.create', 'code with a letter', { ...CODE, code: '12a4' }, ['code']],
  ['credentials.create', 'empty code', { ...CODE, code: '' }, ['code']],
  ['credentials.create', 'code with a space', { ...CODE, code: '12 34' }, ['code']],
  ['credentials.create', 'code of full-width digits', { ...CODE, code: '１２３４' }, ['code']],
  ['credentials.create', 'code as a number', { ...CODE, code: 123456 }, ['code']],
  ['credentials.create', 'ends_at before starts_at', { ...CODE, starts_at: LATER, ends_at: FUTURE }, ['ends_at']],
  ['credentials.create', 'ends_at equal to starts_at', { ...CODE, starts_at: FUTURE, ends_at: FUTURE }, ['ends_at']],
  ['credentials.create', 'ends_at in the past', { ...CODE, ends_at: PAST }, ['ends_at']],
  [
    'credentials.create',
    'ends_at in the past as a Date',
    { ...CODE, ends_at: new Date('2021-03-04T05:06:07Z') },
    ['ends_at'],
  ],
  ['credentials.create', 'ends_at without a time zone', { ...CODE, ends_at: '2035-01-01T00:00:00' }, ['ends_at']],
  ['credentials.create', 'starts_at not a date', { ...CODE, starts_at: 'tomorrow' }, ['starts_at']],
  [
    'credentials.create',
    'both identities',
    { access_method: 'code', acs_user_id: U, user_identity_id: U2, acs_system_id: U },
    ['user_identity_id'],
  ],
  ['credentials.create', 'neither identity', { access_method: 'code', code: '1234' }, ['acs_user_id']],
  [
    'credentials.create',
    'user_identity_id without acs_system_id',
    { access_method: 'card', user_identity_id: U2 },
    ['acs_system_id'],
  ],
  ['credentials.create', 'missing access_method', { acs_user_id: U }, ['access_method']],
  ['credentials.create', 'unknown access_method', { ...CODE, access_method: 'fingerprint' }, ['access_method']],
  ['credentials.create', 'access_method in capitals', { ...CODE, access_method: 'CODE' }, ['access_method']],
  [
    'credentials.create',
    'boolean as a string',
    { ...CODE, is_multi_phone_sync_credential: 'true' },
    ['is_multi_phone_sync_credential'],
  ],
  [
    'credentials.create',
    'unknown visionline card_format',
    { ...CODE, visionline_metadata: { card_format: 'mifare' } },
    ['visionline_metadata.card_format'],
  ],
  [
    'credentials.create',
    'visionline_metadata as a string',
    { ...CODE, visionline_metadata: 'guest' },
    ['visionline_metadata'],
  ],
  [
    'credentials.create',
    'unknown nested parameter',
    { ...CODE, visionline_metadata: { card_function_type: 'guest', cardFunctionType: 'staff' } },
    ['visionline_metadata.cardFunctionType'],
  ],
  [
    'credentials.create',
    'nested boolean as a number',
    { ...CODE, salto_space_metadata: { assign_new_key: 1 } },
    ['salto_space_metadata.assign_new_key'],
  ],
  [
    'credentials.create',
    'nested boolean as a string',
    { ...CODE, hotek_metadata: { override: 'yes' } },
    ['hotek_metadata.override'],
  ],
  [
    'credentials.create',
    'array with bad items',
    { ...CODE, allowed_acs_entrance_ids: [U, 'bad', 7, null] },
    ['allowed_acs_entrance_ids[1]', 'allowed_acs_entrance_ids[2]', 'allowed_acs_entrance_ids[3]'],
  ],
  [
    'credentials.create',
    'nested array with a bad item',
    { ...CODE, assa_abloy_vostio_metadata: { override_guest_acs_entrance_ids: [U, ''] } },
    ['assa_abloy_vostio_metadata.override_guest_acs_entrance_ids[1]'],
  ],
  [
    'credentials.create',
    'string where an array goes',
    { ...CODE, allowed_acs_entrance_ids: U },
    ['allowed_acs_entrance_ids'],
  ],
  ['credentials.create', 'object where a string goes', { ...CODE, acs_user_id: { id: U } }, ['acs_user_id']],
  ['credentials.create', 'null identity', { access_method: 'code', acs_user_id: null }, ['acs_user_id']],
  ['credentials.create', '100,000-character id', { ...CODE, acs_user_id: LONG_ID }, ['acs_user_id']],
  ['credentials.create', 'unknown parameter (typo)', { ...CODE, acs_user_idd: U }, ['acs_user_idd']],
  [
    'credentials.create',
    'several problems at once',
    { access_method: 'pin', code: 'abc', ends_at: PAST, foo: 1 },
    ['access_method', 'code', 'ends_at', 'foo', 'acs_user_id'],
  ],
  ['credentials.create', 'params not an object', ['acs_user_id', U], ['']],
  // ---- get
  ['credentials.get', 'id not a UUID', { acs_credential_id: '123' }, ['acs_credential_id']],
  ['credentials.get', 'id missing', {}, ['acs_credential_id']],
  ['credentials.get', 'no params at all', undefined, ['acs_credential_id']],
  ['credentials.get', 'id as a number', { acs_credential_id: 42 }, ['acs_credential_id']],
  ['credentials.get', 'id null', { acs_credential_id: null }, ['acs_credential_id']],
  ['credentials.get', 'unknown parameter', { acs_credential_id: U, include: 'all' }, ['include']],
  ['credentials.get', '100,000-character id', { acs_credential_id: LONG_ID }, ['acs_credential_id']],
  // ---- list
  [
    'credentials.list',
    'user + user identity (forbidden combination)',
    { acs_user_id: U, user_identity_id: U2 },
    ['user_identity_id'],
  ],
  [
    'credentials.list',
    'system + user identity (forbidden combination)',
    { acs_system_id: U, user_identity_id: U2 },
    ['user_identity_id'],
  ],
  [
    'credentials.list',
    'all three filters',
    { acs_user_id: U, acs_system_id: U, user_identity_id: U2 },
    ['user_identity_id'],
  ],
  ['credentials.list', 'limit: 0', { limit: 0 }, ['limit']],
  ['credentials.list', 'negative limit', { limit: -5 }, ['limit']],
  ['credentials.list', 'fractional limit', { limit: 2.5 }, ['limit']],
  ['credentials.list', 'limit as a string', { limit: '10' }, ['limit']],
  ['credentials.list', 'empty page_cursor', { page_cursor: '' }, ['page_cursor']],
  ['credentials.list', 'created_before not a date', { created_before: 'yesterday' }, ['created_before']],
  ['credentials.list', 'empty search', { search: '' }, ['search']],
  [
    'credentials.list',
    'boolean filter as a string',
    { is_multi_phone_sync_credential: 'false' },
    ['is_multi_phone_sync_credential'],
  ],
  ['credentials.list', 'unknown filter', { acs_entrance_id: U }, ['acs_entrance_id']],
  ['credentials.listPage', 'bad user id', { acs_user_id: 'user_1' }, ['acs_user_id']],
  // ---- update
  // "give at least one of code, ends_at" names no single field: it is reported at path "" (params).
  ['credentials.update', 'neither code nor ends_at', { acs_credential_id: U }, ['']],
  [
    'credentials.update',
    'code and ends_at both null',
    { acs_credential_id: U, code: null, ends_at: null },
    ['code', 'ends_at', ''],
  ],
  ['credentials.update', 'ends_at in the past', { acs_credential_id: U, ends_at: PAST }, ['ends_at']],
  ['credentials.update', 'code with a dash', { acs_credential_id: U, code: '12-34' }, ['code']],
  ['credentials.update', 'id missing', { code: '1234' }, ['acs_credential_id']],
  ['credentials.update', 'code null', { acs_credential_id: U, code: null }, ['code']],
  [
    'credentials.update',
    'starts_at is not updatable',
    { acs_credential_id: U, code: '1234', starts_at: FUTURE },
    ['starts_at'],
  ],
  // ---- assign / unassign
  [
    'credentials.assign',
    'both identities',
    { acs_credential_id: U, acs_user_id: U, user_identity_id: U2 },
    ['user_identity_id'],
  ],
  ['credentials.assign', 'neither identity', { acs_credential_id: U }, ['acs_user_id']],
  [
    'credentials.assign',
    'bad user identity id',
    { acs_credential_id: U, user_identity_id: 'ui_1' },
    ['user_identity_id'],
  ],
  [
    'credentials.unassign',
    'bad credential id and bad user id',
    { acs_credential_id: 'cred', acs_user_id: 'user' },
    ['acs_credential_id', 'acs_user_id'],
  ],
  [
    'credentials.unassign',
    'acs_system_id is not a parameter',
    { acs_credential_id: U, acs_user_id: U, acs_system_id: U },
    ['acs_system_id'],
  ],
  // ---- delete
  ['credentials.delete', 'id in an array', { acs_credential_id: [U] }, ['acs_credential_id']],
  ['credentials.delete', 'id missing', {}, ['acs_credential_id']],
  ['credentials.delete', 'id as a boolean', { acs_credential_id: true }, ['acs_credential_id']],
  // ---- listAccessibleEntrances
  ['credentials.listAccessibleEntrances', 'id not a UUID', { acs_credential_id: 'x' }, ['acs_credential_id']],
  [
    'credentials.listAccessibleEntrances',
    'entrance id instead of credential id',
    { acs_entrance_id: U },
    ['acs_entrance_id', 'acs_credential_id'],
  ],
  // ---- entrances.get
  ['entrances.get', 'id not a UUID', { acs_entrance_id: 'nope' }, ['acs_entrance_id']],
  [
    'entrances.get',
    'credential id instead of entrance id',
    { acs_credential_id: U },
    ['acs_credential_id', 'acs_entrance_id'],
  ],
  // ---- entrances.list
  ['entrances.list', 'array with a bad id', { acs_entrance_ids: [U, 'bad'] }, ['acs_entrance_ids[1]']],
  ['entrances.list', 'limit: 0', { limit: 0 }, ['limit']],
  ['entrances.list', 'location_id not a UUID', { location_id: 'loc_1' }, ['location_id']],
  ['entrances.list', 'space_id as a number', { space_id: 12 }, ['space_id']],
  ['entrances.list', 'empty customer_key', { customer_key: '' }, ['customer_key']],
  ['entrances.list', 'connected_account_id as a boolean', { connected_account_id: true }, ['connected_account_id']],
  ['entrances.listPage', 'ids as an object', { acs_entrance_ids: { 0: U } }, ['acs_entrance_ids']],
  // ---- entrances.listCredentialsWithAccess
  [
    'entrances.listCredentialsWithAccess',
    'unknown include_if value',
    { acs_entrance_id: U, include_if: ['visionline_metadata.is_invalid'] },
    ['include_if[0]'],
  ],
  [
    'entrances.listCredentialsWithAccess',
    'include_if as a string',
    { acs_entrance_id: U, include_if: 'visionline_metadata.is_valid' },
    ['include_if'],
  ],
  ['entrances.listCredentialsWithAccess', 'entrance id missing', { include_if: [] }, ['acs_entrance_id']],
  // ---- systems.list (exposed from the contract by one overlay entry)
  ['systems.list', 'connected_account_id not a UUID', { connected_account_id: 'account-1' }, ['connected_account_id']],
  ['systems.list', 'empty search', { search: '' }, ['search']],
  ['systems.list', 'customer_key as a number', { customer_key: 7 }, ['customer_key']],
  ['systems.list', 'a parameter of another endpoint', { acs_system_id: U }, ['acs_system_id']],
]

let server
let client
const totals = { rows: 0, issues: 0, requests: 0, standaloneRows: 0 }

// The server answers every endpoint correctly, so anything that slipped through would succeed
// and be counted.
before(async () => {
  server = await startFaultServer()
  server
    .handle('/acs/credentials/create', ok.credential(credential(1)))
    .handle('/acs/credentials/get', ok.credential(credential(1)))
    .handle('/acs/credentials/list', ok.page([credential(1)]))
    .handle('/acs/credentials/update', ok.credential(credential(1)))
    .handle('/acs/credentials/assign', ok.credential(credential(1)))
    .handle('/acs/credentials/unassign', ok.credential(credential(1)))
    .handle('/acs/credentials/delete', ok.nothing())
    .handle('/acs/credentials/list_accessible_entrances', ok.list('acs_entrances', [entrance(1)]))
    .handle('/acs/entrances/get', ok.entrance(entrance(1)))
    .handle('/acs/entrances/list', ok.page([entrance(1)], { key: 'acs_entrances' }))
    .handle('/acs/entrances/list_credentials_with_access', ok.list('acs_credentials', [credential(1)]))
    .handle('/acs/systems/list', ok.list('acs_systems', [{ acs_system_id: U, name: 'Harbor Offices' }]))
  client = SeamClient.fromApiKey('seam_testkey_badinputs_0000000000', { endpoint: server.url, timeoutMs: 5_000 })
})

after(async () => {
  totals.requests = server?.count() ?? -1
  await server?.close()
  console.log(
    `[reliability/bad-inputs] rows: ${totals.rows}, issues: ${totals.issues}, ` +
      `validateRequest rows: ${totals.standaloneRows}, requests received: ${totals.requests}`,
  )
})

function call(method, params) {
  const [namespace, name] = method.split('.')
  return client.acs[namespace][name](params)
}

test('the table covers every endpoint with at least 40 rows', () => {
  assert.ok(ROWS.length >= 40, `${ROWS.length} rows`)
  const covered = new Set(ROWS.map(([method]) => METHODS[method]))
  for (const path of Object.values(METHODS)) assert.ok(covered.has(path), `no row for ${path}`)
  for (const [method] of ROWS) assert.ok(METHODS[method], `unknown method ${method}`)
})

test('a valid request of each endpoint passes (the server answers, so the table is meaningful)', async () => {
  const valid = [
    ['credentials.create', { ...CODE, code: '1234', ends_at: FUTURE }],
    ['credentials.get', { acs_credential_id: U }],
    ['credentials.list', { acs_user_id: U, acs_system_id: U2, limit: 5 }],
    ['credentials.update', { acs_credential_id: U, code: '5678' }],
    ['credentials.assign', { acs_credential_id: U, user_identity_id: U2 }],
    ['credentials.unassign', { acs_credential_id: U, acs_user_id: U2 }],
    ['credentials.delete', { acs_credential_id: U }],
    ['credentials.listAccessibleEntrances', { acs_credential_id: U }],
    ['entrances.get', { acs_entrance_id: U }],
    ['entrances.list', { acs_entrance_ids: [U, U2], location_id: null }],
    ['entrances.listCredentialsWithAccess', { acs_entrance_id: U, include_if: ['visionline_metadata.is_valid'] }],
    ['systems.list', { connected_account_id: U, search: 'Harbor', customer_key: 'customer-1' }],
  ]
  for (const [method, params] of valid) {
    assert.deepEqual(validateRequest(METHODS[method], params), [], method)
    await call(method, params)
  }
  assert.equal(server.count(), valid.length)
  server.reset()
  // reset() forgets the handlers: reinstall the catch-all answers for the rows below.
  for (const path of new Set(Object.values(METHODS))) server.handle(path, ok.nothing())
})

/** Calls `run()`, which must be refused locally at (at least) `expectedPaths`, as validateRequest(path, params) is. */
async function assertRefused(run, path, params, expectedPaths) {
  totals.rows++
  const before = server.count()
  let error
  try {
    await run()
  } catch (e) {
    error = e
  }
  assert.ok(error, 'the call must be refused')
  assert.ok(
    error instanceof SeamValidationError,
    `expected SeamValidationError, got ${error?.name}: ${error?.message?.slice(0, 200)}`,
  )
  assert.ok(error instanceof SeamError)
  assert.ok(Array.isArray(error.issues) && error.issues.length > 0)
  const paths = error.issues.map((issue) => issue.path)
  for (const path of expectedPaths)
    assert.ok(paths.includes(path), `expected an issue at "${path}", got ${JSON.stringify(paths)}`)
  for (const issue of error.issues) {
    assert.equal(typeof issue.code, 'string')
    assert.equal(typeof issue.message, 'string')
    assert.ok(issue.message.length > 0 && issue.message.length < 500, 'messages stay short')
    assert.ok(!issue.message.includes(LONG_ID.slice(0, 100)), 'messages never repeat the value given')
  }
  assert.ok(error.message.length < 2_000, `the message is ${error.message.length} characters`)
  totals.issues += error.issues.length
  assert.equal(server.count(), before, 'nothing may be sent for an invalid request')

  // The same verdict without a client.
  const standalone = validateRequest(path, params)
  assert.deepEqual(
    standalone.map((issue) => issue.path),
    paths,
    'validateRequest reports the same paths as the client',
  )
  assert.deepEqual(
    standalone.map((issue) => issue.code),
    error.issues.map((issue) => issue.code),
  )
  totals.standaloneRows++
}

for (const [method, what, params, expectedPaths] of ROWS) {
  test(`${method}: ${what} → SeamValidationError at ${expectedPaths.map((p) => p || '(params)').join(', ')}, nothing sent`, () =>
    assertRefused(() => call(method, params), METHODS[method], params, expectedPaths))
}

// ---- Every documented endpoint of the contract, rows derived from its request schema: an
// unknown parameter, each required parameter missing, each id that is not a UUID (in a list
// too), each email that is not one, each enum value that is not one of its values.

const openapi = await loadOpenApi()
const ENDPOINTS = documented(openapi)

function derivedRows(endpoint) {
  const body = bodySchema(endpoint)
  const props = bodyProperties(body)
  const rows = [['an unknown parameter', { zz_unknown: 1 }, ['zz_unknown']]]
  for (const name of body.required ?? []) rows.push([`${name} missing`, {}, [name]])
  for (const [name, schema] of Object.entries(props)) {
    if (schema.format === 'uuid') rows.push([`${name} not a UUID`, { [name]: 'not-a-uuid' }, [name]])
    if (schema.type === 'array' && schema.items?.format === 'uuid')
      rows.push([`${name} with an item not a UUID`, { [name]: [U, 'x'] }, [`${name}[1]`]])
    if (schema.format === 'email') rows.push([`${name} not an email`, { [name]: 'Jane Doe' }, [name]])
    if (schema.enum) rows.push([`${name} not one of its values`, { [name]: 'zz-not-a-value' }, [name]])
  }
  return rows
}

let derived = 0
for (const endpoint of ENDPOINTS) {
  for (const [what, params, expectedPaths] of derivedRows(endpoint)) {
    derived++
    test(`${endpoint.path}: ${what} → SeamValidationError at ${expectedPaths.join(', ')}, nothing sent`, () =>
      assertRefused(() => methodOf(client, endpoint.path)(params), endpoint.path, params, expectedPaths))
  }
}

test('the derived rows cover each of the 63 documented endpoints', () => {
  assert.equal(ENDPOINTS.length, 63)
  assert.ok(derived >= 3 * ENDPOINTS.length, `${derived} derived rows`)
  console.log(`# [reliability/bad-inputs] derived rows: ${derived} over ${ENDPOINTS.length} endpoints`)
})

test('iterate() with invalid params: the first next() throws SeamValidationError, nothing sent', async () => {
  const before = server.count()
  for (const iterator of [
    client.acs.credentials.iterate({ limit: 0 }),
    client.acs.entrances.iterate({ acs_entrance_ids: ['x'] }),
  ]) {
    await assert.rejects(iterator.next(), (error) => error instanceof SeamValidationError && error.issues.length === 1)
  }
  assert.equal(server.count(), before)
})

test('params that are not JSON data (BigInt, circular): SeamValidationError, nothing sent', async () => {
  const circular = { acs_credential_id: U }
  circular.self = circular
  for (const params of [{ acs_credential_id: U, n: 10n }, circular]) {
    await assert.rejects(
      client.acs.credentials.get(params),
      (error) => error instanceof SeamValidationError && error.issues[0].path === '',
    )
    assert.equal(validateRequest('/acs/credentials/get', params)[0].path, '')
  }
  assert.equal(server.count(), 0)
})

test('requests received for all invalid rows: 0', () => {
  assert.equal(server.count(), 0)
})

// ---- Bad arguments: every public entry point, given undefined, null, a number, an object or a
// very long string where it wants something else, throws (or rejects with) a typed SeamError
// naming the argument, never a TypeError from the glue, never with the value in its message.

const PAT = 'seam_at1_badargs_0000'
const JWT = 'eyJhbGciOiJIUzI1NiJ9.e30.sig'
const WORKSPACE = 'ws_1'
const LONG = (prefix = '') => prefix + 'z'.repeat(100_000)
const NOT_A_STRING = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 4242],
  ['an object', { zz: 4242 }],
]
const NOT_AN_OBJECT = [
  ['a number', 4242],
  ['a long string', LONG()],
]

/** [entry point and argument, the call, the bad values, the class, what names the argument] */
function argumentRows() {
  const endpoint = server.url
  const token = (name, call, prefix, names) => [
    name,
    call,
    [...NOT_A_STRING, ['a 100,000-character token', LONG(prefix)]],
    'SeamInvalidTokenError',
    names,
  ]
  const issue = (name, call, values, path) => [name, call, values, 'SeamValidationError', path]
  return [
    token('fromApiKey(apiKey)', (v) => SeamClient.fromApiKey(v, { endpoint }), 'seam_', /API key/),
    token(
      'fromClientSessionToken(clientSessionToken)',
      (v) => SeamClient.fromClientSessionToken(v, { endpoint }),
      'seam_cst',
      /client session token/,
    ),
    token(
      'fromPersonalAccessToken(personalAccessToken)',
      (v) => SeamClient.fromPersonalAccessToken(v, WORKSPACE, { endpoint }),
      'seam_at',
      /personal access token/,
    ),
    token(
      'fromPersonalAccessToken(…, workspaceId)',
      (v) => SeamClient.fromPersonalAccessToken(PAT, v, { endpoint }),
      '',
      /workspace id/,
    ),
    token(
      'fromConsoleSessionToken(consoleSessionToken)',
      (v) => SeamClient.fromConsoleSessionToken(v, WORKSPACE, { endpoint }),
      'ey',
      /console session token/,
    ),
    token(
      'fromConsoleSessionToken(…, workspaceId)',
      (v) => SeamClient.fromConsoleSessionToken(JWT, v, { endpoint }),
      '',
      /workspace id/,
    ),
    token(
      'fromPublishableKey(publishableKey)',
      (v) => SeamClient.fromPublishableKey(v, 'user-1', { endpoint }),
      'seam_pk',
      /publishable key/,
    ),
    issue(
      'fromPublishableKey(…, userIdentifierKey)',
      (v) => SeamClient.fromPublishableKey('seam_pk1_badargs', v, { endpoint }),
      [...NOT_A_STRING, ['a long string', LONG()]],
      'user_identifier_key',
    ),
    issue('fromApiKey(…, options)', (v) => SeamClient.fromApiKey('seam_testkey_1', v), NOT_AN_OBJECT, 'options'),
    [
      'fromApiKey(…, { endpoint })',
      (v) => SeamClient.fromApiKey('seam_testkey_1', { endpoint: v }),
      [
        ['null', null],
        ['a number', 4242],
        ['an object', { zz: 4242 }],
        ['a long URL', `https://${LONG()}.example`],
      ],
      'SeamInvalidEndpointError',
      /endpoint/,
    ],
    issue(
      'fromApiKey(…, { timeoutMs })',
      (v) => SeamClient.fromApiKey('seam_testkey_1', { endpoint, timeoutMs: v }),
      [
        ['null', null],
        ['an object', { zz: 4242 }],
        ['a long string', LONG()],
      ],
      'timeoutMs',
    ),
    issue(
      'fromApiKey(…, { maxRetries })',
      (v) => SeamClient.fromApiKey('seam_testkey_1', { endpoint, maxRetries: v }),
      [
        ['null', null],
        ['an object', { zz: 4242 }],
        ['a long string', LONG()],
      ],
      'maxRetries',
    ),
    issue('credentials.get(params)', (v) => client.acs.credentials.get(v), NOT_AN_OBJECT, ''),
    issue('credentials.list(…, options)', (v) => client.acs.credentials.list({}, v), NOT_AN_OBJECT, 'options'),
    issue(
      'credentials.list(…, { signal })',
      (v) => client.acs.credentials.list({}, { signal: v }),
      [
        ['null', null],
        ['a number', 4242],
        ['an object', { zz: 4242 }],
        ['a long string', LONG()],
      ],
      'signal',
    ),
    issue(
      'credentials.list(…, { timeoutMs })',
      (v) => client.acs.credentials.list({}, { timeoutMs: v }),
      [
        ['null', null],
        ['an object', { zz: 4242 }],
        ['a long string', LONG()],
      ],
      'timeoutMs',
    ),
    issue('credentials.iterate(params)', (v) => client.acs.credentials.iterate(v).next(), NOT_AN_OBJECT, ''),
    issue('allows(path)', (v) => client.allows(v), [...NOT_A_STRING, ['a long string', LONG('/acs/')]], 'path'),
    issue(
      'validateRequest(path)',
      (v) => validateRequest(v, {}),
      [...NOT_A_STRING, ['a long string', LONG('/acs/')]],
      'path',
    ),
    issue(
      'validateRequest(…, options)',
      (v) => validateRequest('/acs/credentials/get', {}, v),
      NOT_AN_OBJECT,
      'options',
    ),
    issue(
      'validateRequest(…, { now })',
      (v) => validateRequest('/acs/credentials/get', {}, { now: v }),
      [
        ['null', null],
        ['an object', { zz: 4242 }],
        ['a long string', LONG()],
      ],
      'options.now',
    ),
    [
      'parseAcsCredential(json)',
      (v) => parseAcsCredential(v),
      [...NOT_A_STRING, ['a long string', LONG()]],
      'SeamParseError',
      /JSON|credential|object/,
    ],
    [
      'parseEvent(json)',
      (v) => parseEvent(v),
      [...NOT_A_STRING, ['a long string', LONG()]],
      'SeamParseError',
      /JSON|event|object/,
    ],
    ['new SeamClient()', () => new SeamClient(), [['no arguments', undefined]], 'SeamInvalidTokenError', /fromApiKey/],
  ]
}

test('bad arguments: each entry point throws a typed SeamError naming the argument, never the value', async () => {
  const before = server.count()
  let checked = 0
  const failures = []
  for (const [name, call, values, className, names] of argumentRows()) {
    for (const [what, value] of values) {
      try {
        await checkArgument(name, call, what, value, className, names)
        checked++
      } catch (failure) {
        failures.push(failure.message.split('\n')[0])
      }
    }
  }
  console.log(`[reliability/bad-inputs] bad arguments: ${checked} refused with typed errors`)
  assert.deepEqual(failures, [])
  assert.equal(server.count(), before, 'nothing may be sent for a bad argument')
})

async function checkArgument(name, call, what, value, className, names) {
  let error
  try {
    await call(value)
  } catch (e) {
    error = e
  }
  const where = `${name} given ${what}`
  assert.ok(error, `${where}: not refused`)
  assert.equal(error.name, className, `${where}: ${error.name}: ${String(error.message).slice(0, 200)}`)
  assert.ok(error instanceof SeamError, `${where}: not a SeamError`)
  if (typeof names === 'string') {
    assert.ok(
      error.issues.some((issue) => issue.path === names),
      `${where}: no issue at "${names}": ${JSON.stringify(error.issues).slice(0, 300)}`,
    )
  } else {
    assert.match(error.message, names, where)
  }
  const shown =
    typeof value === 'string'
      ? value.slice(-50)
      : typeof value === 'number'
        ? String(value)
        : value
          ? JSON.stringify(value)
          : null
  if (shown) assert.ok(!error.message.includes(shown), `${where}: the message repeats the value`)
  assert.ok(error.message.length < 500, `${where}: a message of ${error.message.length} characters`)
}
