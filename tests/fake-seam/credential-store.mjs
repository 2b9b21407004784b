// In-memory records of the types fake-seam-connect has no table for (credentials, encoders):
// they live here, next to (not inside) its database.
//
// Each record is the public object plus underscore-prefixed internal fields (like the fake's
// own `_acs_user_ids`), stripped by toPublic().

import { deterministicUuid } from './ids.mjs'
import { credentialDisplayName, credentialExternalType, visionlineEntranceIds } from './systems.mjs'

/** Records of one type keyed by `${type}_id`, with deterministic UUIDs (see ids.mjs). */
export class RecordStore {
  #records = new Map()
  #counter = 0

  constructor(type) {
    this.type = type
    this.idKey = `${type}_id`
  }

  nextId() {
    this.#counter += 1
    return deterministicUuid(this.type, this.#counter)
  }

  add(record) {
    this.#records.set(record[this.idKey], record)
    return record
  }

  get(id) {
    return this.#records.get(id)
  }

  delete(id) {
    return this.#records.delete(id)
  }

  /** Records of one workspace, ordered by created_at then id (stable paging). */
  list(workspaceId) {
    return [...this.#records.values()].filter((r) => r.workspace_id === workspaceId).sort(byCreation(this.idKey))
  }
}

/**
 * Orders records by created_at, then `idKey`, as Seam pages them (code point order: ISO dates
 * and UUIDs sort as strings).
 */
export const byCreation = (idKey) => (a, b) => {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1
  if (a[idKey] === b[idKey]) return 0
  return a[idKey] < b[idKey] ? -1 : 1
}

export function toPublic(record) {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_')))
}

/**
 * Builds a credential record the way Seam would return it for the given
 * system. Used by the seed and by /acs/credentials/create.
 */
export function buildCredential({
  id,
  system,
  acsUser,
  accessMethod,
  entrances,
  createdAt,
  code = null,
  cardNumber = null,
  startsAt,
  endsAt,
  isMultiPhoneSync = false,
  issued = true,
  warnings = [],
  visionline = {},
}) {
  const issuedAt = issued ? addMinutes(createdAt, 5) : null
  const record = {
    acs_credential_id: id,
    acs_user_id: acsUser?.acs_user_id,
    user_identity_id: acsUser?.user_identity_id,
    connected_account_id: system.connected_account_id,
    acs_system_id: system.acs_system_id,
    display_name: credentialDisplayName(system.external_type, accessMethod, entrances),
    code,
    is_one_time_use: false,
    card_number: cardNumber,
    is_issued: accessMethod === 'code' ? undefined : issued,
    issued_at: accessMethod === 'code' ? undefined : issuedAt,
    access_method: accessMethod,
    ...credentialExternalType(system.external_type, accessMethod),
    created_at: createdAt,
    workspace_id: system.workspace_id,
    starts_at: startsAt,
    ends_at: endsAt,
    errors: [],
    warnings,
    is_multi_phone_sync_credential: isMultiPhoneSync,
    is_latest_desired_state_synced_with_provider: true,
    latest_desired_state_synced_with_provider_at: addMinutes(createdAt, 1),
    is_managed: true,
    _allowed_acs_entrance_ids: entrances.map((e) => e.acs_entrance_id),
  }
  if (system.external_type === 'visionline_system') {
    record.visionline_metadata = {
      card_function_type: visionline.card_function_type ?? 'guest',
      card_id: visionline.card_id,
      credential_id: visionline.credential_id,
      ...visionlineEntranceIds(entrances),
      joiner_acs_credential_ids: visionline.joiner_acs_credential_ids,
      is_valid: visionline.is_valid ?? true,
      auto_join: visionline.auto_join ?? false,
    }
  }
  // Drop undefined keys so objects compare cleanly and stay in contract shape.
  return JSON.parse(JSON.stringify(record))
}

export function waitingToBeIssuedWarning(createdAt) {
  return {
    created_at: createdAt,
    message: 'Credential is waiting to be issued: encode the card to activate it.',
    warning_code: 'waiting_to_be_issued',
  }
}

export function addMinutes(iso, minutes) {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString()
}
