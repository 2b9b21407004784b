// Deterministic, Seam-shaped ACS credentials for the bench server: Visionline cards with
// visionline_metadata (two in three) and Salto KS PIN codes (one in three), long UUID ids,
// warnings on some, dates as Seam sends them. Same seed, same bytes, every run.

import { prng } from '../../tests/fake-seam/prng.mjs'

export const API_KEY = 'seam_benchkey1_seamAcsWasmBench00000000001'

const T0 = Date.parse('2025-01-06T09:00:00.000Z')
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString()

const GUEST_NAMES = [
  'Ava Thompson',
  'Noah Martinez',
  'Mia Patel',
  'Lucas Schneider',
  'Grace Kim',
  'Oliver Brown',
  'Emma Wilson',
  'James Nakamura',
  'Sofia Rossi',
  "Liam O'Connor",
  'Chloe Dubois',
  'Mateo Fernandez',
]

/** `count` credentials, the same ones on every call. */
export function makeCredentials(count) {
  const random = prng(20250106)
  const hex = (n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16)
    return s
  }
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`
  const digits = (n) => {
    let s = String(1 + Math.floor(random() * 9))
    for (let i = 1; i < n; i++) s += Math.floor(random() * 10)
    return s
  }

  const workspace_id = uuid()
  const visionline = { acs_system_id: uuid(), connected_account_id: uuid() }
  const salto = { acs_system_id: uuid(), connected_account_id: uuid() }
  const guestDoors = Array.from({ length: 40 }, uuid)
  const commonDoors = Array.from({ length: 4 }, uuid)
  const users = Array.from({ length: 500 }, () => ({
    acs_user_id: uuid(),
    user_identity_id: random() < 0.5 ? uuid() : null,
  }))

  const out = []
  for (let i = 0; i < count; i++) {
    const user = users[i % users.length]
    const name = GUEST_NAMES[i % GUEST_NAMES.length]
    const created = i * 7
    const warnings = []
    if (i % 4 === 1) {
      warnings.push({
        warning_code: 'waiting_to_be_issued',
        message: 'Credential is waiting to be issued.',
        created_at: at(created + 1),
      })
    }
    if (i % 10 === 3) {
      warnings.push({
        warning_code: 'schedule_externally_modified',
        message: "The credential's schedule was modified outside of Seam.",
        created_at: at(created + 30),
      })
    }
    const common = {
      acs_credential_id: uuid(),
      acs_user_id: user.acs_user_id,
      ...(user.user_identity_id ? { user_identity_id: user.user_identity_id } : {}),
    }
    if (i % 3 !== 2) {
      const room = 100 + (i % 40)
      const issued = warnings.every((w) => w.warning_code !== 'waiting_to_be_issued')
      out.push({
        ...common,
        acs_system_id: visionline.acs_system_id,
        connected_account_id: visionline.connected_account_id,
        workspace_id,
        display_name: `${name} - Room ${room} guest card`,
        code: null,
        card_number: hex(16).toUpperCase(),
        is_multi_phone_sync_credential: false,
        is_latest_desired_state_synced_with_provider: issued,
        latest_desired_state_synced_with_provider_at: issued ? at(created + 2) : null,
        access_method: 'card',
        external_type: 'visionline_card',
        external_type_display_name: 'Visionline Card',
        created_at: at(created),
        starts_at: at(created + 60),
        ends_at: at(created + 60 + 3 * 24 * 60),
        is_issued: issued,
        issued_at: issued ? at(created + 2) : null,
        is_managed: true,
        is_one_time_use: false,
        errors: [],
        warnings,
        visionline_metadata: {
          auto_join: true,
          card_function_type: i % 17 === 0 ? 'staff' : 'guest',
          card_id: digits(6),
          common_acs_entrance_ids: commonDoors.slice(0, 1 + (i % 3)),
          credential_id: digits(8),
          guest_acs_entrance_ids: [guestDoors[i % 40]],
          is_valid: true,
          joiner_acs_credential_ids: i % 5 === 0 ? [uuid()] : [],
        },
      })
    } else {
      out.push({
        ...common,
        acs_system_id: salto.acs_system_id,
        connected_account_id: salto.connected_account_id,
        workspace_id,
        display_name: `${name} - office PIN`,
        code: digits(6),
        card_number: null,
        is_multi_phone_sync_credential: false,
        is_latest_desired_state_synced_with_provider: true,
        latest_desired_state_synced_with_provider_at: at(created + 1),
        access_method: 'code',
        external_type: 'salto_ks_credential',
        external_type_display_name: 'Salto KS Credential',
        created_at: at(created),
        starts_at: at(created + 60),
        ends_at: at(created + 60 + 90 * 24 * 60),
        is_managed: true,
        is_one_time_use: false,
        errors: [],
        warnings,
      })
    }
  }
  return out
}
