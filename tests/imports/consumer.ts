// A TypeScript consumer of seam-acs-wasm, checked by imports/types.test.mjs with
// `tsc --strict --noEmit` (never run): every method and error class used with the types a
// user would write, and misuse that must not compile (each `@ts-expect-error` fails the
// check if its line compiles). "seam-acs-wasm" resolves to the package's `types` export.

import {
  parseAcsCredential,
  parseEvent,
  SeamAbortError,
  SeamApiError,
  SeamClient,
  SeamError,
  SeamInvalidEndpointError,
  SeamInvalidInputError,
  SeamInvalidTokenError,
  SeamNetworkError,
  SeamNotAllowedError,
  SeamParseError,
  SeamTimeoutError,
  SeamUnauthorizedError,
  SeamValidationError,
  validateRequest,
  type AccessMethod,
  type AcsCredential,
  type AcsCredentialEvent,
  type AcsEntrance,
  type AcsSystem,
  type AuthMode,
  type BulkProgress,
  type BulkReport,
  type CallOptions,
  type ClientOptions,
  type CreateCredentialParams,
  type EndpointPath,
  type IssueCode,
  type ListCredentialsParams,
  type Page,
  type ValidationIssue,
} from 'seam-acs-wasm'

const USER = '33333333-3333-3333-3333-333333333333'
const options: ClientOptions = { endpoint: 'http://127.0.0.1:8080', timeoutMs: 10_000, maxRetries: 1 }

// ---------------------------------------------------------------- clients

const seam: SeamClient = SeamClient.fromApiKey('seam_testkey_1', options)
const session: SeamClient = SeamClient.fromClientSessionToken('seam_cst1_x')
const pat: SeamClient = SeamClient.fromPersonalAccessToken('seam_at1_x', 'workspace-1', options)
const consoleClient: SeamClient = SeamClient.fromConsoleSessionToken('eyJx.y.z', 'workspace-1', {})
const published: Promise<SeamClient> = SeamClient.fromPublishableKey('seam_pk1_x', 'user-123', {
  endpoint: 'http://127.0.0.1:8080',
  signal: new AbortController().signal,
  timeoutMs: 5000,
})
const mode: AuthMode = seam.authMode
const endpoint: string = seam.endpoint

// ---------------------------------------------------------------- bulk runs

export async function bulk(client: SeamClient): Promise<number> {
  const seen: BulkProgress[] = []
  const report: BulkReport = await client.acs.credentials.createMany(
    [{ acs_user_id: USER, access_method: 'code', code: '1234' }],
    {
      concurrency: 8,
      signal: new AbortController().signal,
      onProgress: (progress) => seen.push(progress),
      skipInvalid: true,
    },
  )
  const resumed = await client.acs.credentials.createMany([{ acs_user_id: USER, access_method: 'code' }], {
    resume: JSON.parse(JSON.stringify(report)) as BulkReport,
  })
  const deleted = await client.acs.credentials.deleteMany([USER, { acs_credential_id: USER }])
  const first = report.items[0]
  const code: string | null | undefined = first?.credential?.code
  const eta: number | null | undefined = seen[0]?.etaMs
  // @ts-expect-error createMany takes an array of create parameters
  await client.acs.credentials.createMany({ acs_user_id: USER })
  // @ts-expect-error concurrency is a number
  await client.acs.credentials.deleteMany([USER], { concurrency: '4' })
  void [code, eta]
  return resumed.counts.unknown + deleted.total + report.rateLimited
}

// ---------------------------------------------------------------- every method

export async function everyMethod(client: SeamClient): Promise<string[]> {
  const controller = new AbortController()
  const call: CallOptions = { signal: controller.signal, timeoutMs: 5000 }
  const params: CreateCredentialParams = {
    acs_user_id: USER,
    access_method: 'code',
    code: '824759',
    starts_at: new Date(),
    ends_at: '2030-01-01T00:00:00Z',
    allowed_acs_entrance_ids: [USER],
    visionline_metadata: { card_format: 'rfid48', card_function_type: 'guest' },
  }
  const created: AcsCredential = await client.acs.credentials.create(params, call)
  const id: string = created.acs_credential_id
  const code: string | null | undefined = created.code
  const method: AccessMethod | undefined = created.access_method
  const later: unknown = created['some_future_property']
  const got: AcsCredential = await client.acs.credentials.get({ acs_credential_id: id })
  const filter: ListCredentialsParams = { acs_system_id: USER, limit: 10, created_before: new Date() }
  const listed: AcsCredential[] = await client.acs.credentials.list(filter)
  const everything: AcsCredential[] = await client.acs.credentials.list()
  const page: Page<AcsCredential> = await client.acs.credentials.listPage({ page_cursor: null }, call)
  const nextCursor: string | null = page.pagination.nextPageCursor
  const more: boolean = page.pagination.hasNextPage
  const names: string[] = []
  for await (const credential of client.acs.credentials.iterate({ limit: 7 }, call)) {
    names.push(credential.display_name ?? credential.acs_credential_id)
  }
  const deleted: void = await client.acs.credentials.delete({ acs_credential_id: id })
  const assigned: AcsCredential | undefined = await client.acs.credentials.assign({
    acs_credential_id: id,
    acs_user_id: USER,
  })
  const unassigned: AcsCredential | undefined = await client.acs.credentials.unassign({
    acs_credential_id: id,
    user_identity_id: USER,
  })
  const updated: AcsCredential | undefined = await client.acs.credentials.update({
    acs_credential_id: id,
    code: '1234',
    ends_at: new Date(),
  })
  const accessible: AcsEntrance[] = await client.acs.credentials.listAccessibleEntrances({ acs_credential_id: id })
  const entrance: AcsEntrance = await client.acs.entrances.get({ acs_entrance_id: USER })
  const entrances: AcsEntrance[] = await client.acs.entrances.list({
    acs_system_id: USER,
    search: 'Door',
    location_id: null,
  })
  const entrancePage: Page<AcsEntrance> = await client.acs.entrances.listPage({ limit: 3 })
  for await (const e of client.acs.entrances.iterate()) names.push(e.display_name ?? e.acs_entrance_id)
  const withAccess: AcsCredential[] = await client.acs.entrances.listCredentialsWithAccess({
    acs_entrance_id: entrance.acs_entrance_id,
    include_if: ['visionline_metadata.is_valid'],
  })
  const systems: AcsSystem[] = await client.acs.systems.list({ search: 'Harbor' })
  for (const system of systems) names.push(system.name ?? system.acs_system_id)
  client.free()
  void [
    got,
    listed,
    everything,
    nextCursor,
    more,
    deleted,
    assigned,
    unassigned,
    updated,
    accessible,
    entrances,
    entrancePage,
    withAccess,
    code,
    method,
    later,
  ]
  return names
}

// ---------------------------------------------------------------- standalone functions

const issues: ValidationIssue[] = validateRequest(
  '/acs/credentials/create',
  { access_method: 'code', code: '12a' },
  { now: new Date() },
)
const firstCode: IssueCode | undefined = issues[0]?.code
const path: EndpointPath = '/acs/entrances/list'
validateRequest(path, {}, { now: Date.now() })
validateRequest('/acs/credentials/list', undefined, { now: '2030-01-01T00:00:00Z' })
const parsed: AcsCredential = parseAcsCredential('{"acs_credential_id":"x"}')
const parsedObject: AcsCredential = parseAcsCredential({ acs_credential_id: 'x' })
const event: AcsCredentialEvent = parseEvent({
  event_id: 'e',
  event_type: 'acs_credential.deleted',
  acs_credential_id: 'c',
  workspace_id: 'w',
})
const eventType: string = event.event_type

// ---------------------------------------------------------------- every error class

export function describeError(error: unknown): string {
  if (error instanceof SeamValidationError)
    return error.issues.map((i: ValidationIssue) => `${i.path}: ${i.code} ${i.message}`).join('; ')
  if (error instanceof SeamNotAllowedError) {
    const where: EndpointPath = error.endpoint
    const who: AuthMode | 'publishable_key' = error.authMode
    return `${where} ${who}`
  }
  if (error instanceof SeamInvalidTokenError) return `token: ${error.message}`
  if (error instanceof SeamInvalidEndpointError) return `endpoint: ${error.message}`
  if (error instanceof SeamInvalidInputError) {
    const fields: Array<{ path: string; messages: string[] }> = error.fieldErrors
    const raw: unknown = error.validationErrors
    return `${error.code} ${error.statusCode} ${fields.map((f) => f.path).join()} ${String(raw)}`
  }
  if (error instanceof SeamUnauthorizedError) return `401 ${error.requestId ?? 'no request id'}`
  if (error instanceof SeamApiError) {
    const code: string = error.code
    const status: number = error.statusCode
    const requestId: string | null = error.requestId
    const data: unknown = error.data
    return `${code} ${status} ${requestId} ${String(data)}`
  }
  if (error instanceof SeamParseError) {
    const status: number | null = error.statusCode
    const where: string = error.path
    return `${status} ${where}`
  }
  if (error instanceof SeamTimeoutError) {
    const ms: number = error.timeoutMs
    return `timeout ${ms}`
  }
  if (error instanceof SeamNetworkError) return `network: ${error.message}`
  if (error instanceof SeamAbortError) return 'aborted'
  if (error instanceof SeamError) {
    const json: Record<string, unknown> = error.toJSON()
    const asError: Error = error
    return `${asError.name} ${JSON.stringify(json)}`
  }
  return String(error)
}

// ---------------------------------------------------------------- misuse that must not compile

export async function misuse(client: SeamClient): Promise<void> {
  // @ts-expect-error a code is a string of digits, not a number
  await client.acs.credentials.update({ acs_credential_id: 'x', code: 824759 })
  // @ts-expect-error a code is a string of digits, not a number
  await client.acs.credentials.create({ acs_user_id: USER, access_method: 'code', code: 1234 })
  // @ts-expect-error acs_credential_id is required
  await client.acs.credentials.get({})
  // @ts-expect-error acs_credential_id is required
  await client.acs.credentials.delete({ acs_user_id: USER })
  // @ts-expect-error "laser" is not an access method
  await client.acs.credentials.create({ acs_user_id: USER, access_method: 'laser' })
  // @ts-expect-error access_method is required
  await client.acs.credentials.create({ acs_user_id: USER })
  // @ts-expect-error include_if takes only the documented condition
  await client.acs.entrances.listCredentialsWithAccess({ acs_entrance_id: USER, include_if: ['is_valid'] })
  // @ts-expect-error limit is a number
  await client.acs.credentials.list({ limit: '10' })
  // @ts-expect-error not an endpoint of the package
  validateRequest('/acs/credentials/nope', {})
  // @ts-expect-error connected_account_id is a string
  await client.acs.systems.list({ connected_account_id: 7 })
  // @ts-expect-error the constructor is private: use a from… function
  new SeamClient()
  // @ts-expect-error a personal access token needs a workspace id
  SeamClient.fromPersonalAccessToken('seam_at1_x')
  // @ts-expect-error fromPublishableKey returns a Promise
  const notAwaited: SeamClient = SeamClient.fromPublishableKey('seam_pk1_x', 'user-123')
  // @ts-expect-error authMode is read-only
  client.authMode = 'api_key'
  // @ts-expect-error not an auth mode
  const wrongMode: AuthMode = 'bearer'
  // @ts-expect-error a SeamApiError's status is a number
  const status: string = new SeamApiError('x').statusCode
  void [notAwaited, wrongMode, status]
}

void [session, pat, consoleClient, published, mode, endpoint, firstCode, parsed, parsedObject, eventType]
