// A CommonJS TypeScript consumer, checked by imports/types.test.mjs (never run): `require()`
// gets index.d.cts, which re-exports the generated api.d.ts like index.d.ts does.

import {
  SeamClient,
  type AcsCredential,
  type AcsSystem,
  type CreateCredentialParams,
  type EndpointPath,
} from 'seam-acs-wasm'

export async function use(client: SeamClient): Promise<string[]> {
  const params: CreateCredentialParams = { access_method: 'code', acs_user_id: '33333333-3333-3333-3333-333333333333' }
  const created: AcsCredential = await client.acs.credentials.create(params)
  const systems: AcsSystem[] = await client.acs.systems.list({ search: 'Harbor' })
  const path: EndpointPath = '/acs/systems/list'
  return [created.acs_credential_id, path, ...systems.map((system) => system.acs_system_id)]
}
