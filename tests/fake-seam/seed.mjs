// Deterministic seed: one workspace, its keys and tokens, two ACS systems
// (Visionline hotel, Salto KS office), 10 named ACS users (4 of them linked to
// named user identities), 8 entrances, 60 credentials, 3 card encoders and 2
// access groups. Ids come from the fake's counters (see ids.mjs), random-looking
// values from a fixed-seed PRNG, dates are fixed (validity ends in 2030+).

import { createHash } from 'node:crypto'

import { addMinutes, buildCredential, waitingToBeIssuedWarning } from './credential-store.mjs'
import { patchRecord } from './database.mjs'
import { ACS_SYSTEM_DISPLAY_NAMES } from './systems.mjs'
import { prng } from './prng.mjs'

// Prefixes matter: the client tells token kinds apart by them, and
// fake-seam-connect requires `seam_cst1` / `seam_at` for its own checks.
export const TOKENS = Object.freeze({
  api_key: 'seam_testkey1_fakeSeamAcsApiKey0000000001',
  client_session_token: 'seam_cst1_fakeSeamAcsClientSession000001',
  personal_access_token: 'seam_at1_fakeSeamAcsPersonalAccessToken01',
  publishable_key: 'seam_pk1_fakeSeamAcsPublishableKey000001',
})

const PRNG_SEED = 20250106
const T0 = Date.parse('2025-01-06T09:00:00.000Z')
const at = (minutesAfterT0) => new Date(T0 + minutesAfterT0 * 60_000).toISOString()

const VISIONLINE_USERS = [
  { full_name: 'Ava Thompson', identity: 0, role: 'guest' },
  { full_name: 'Noah Martinez', role: 'guest' },
  { full_name: 'Mia Patel', identity: 1, role: 'guest' },
  { full_name: 'Lucas Schneider', role: 'guest' },
  { full_name: 'Grace Kim', role: 'staff' },
  { full_name: 'Oliver Brown', identity: 2, role: 'staff' },
]
const SALTO_USERS = [
  { full_name: 'Ava Thompson', identity: 0 },
  { full_name: 'Emma Wilson', identity: 3 },
  { full_name: 'James Nakamura' },
  { full_name: 'Sofia Rossi' },
]
const IDENTITIES = [
  { full_name: 'Ava Thompson', email_address: 'ava.thompson@example.com', phone_number: '+15555550101' },
  { full_name: 'Mia Patel', email_address: 'mia.patel@example.com', phone_number: '+15555550102' },
  { full_name: 'Oliver Brown', email_address: 'oliver.brown@example.com', phone_number: '+15555550103' },
  { full_name: 'Emma Wilson', email_address: 'emma.wilson@example.com', phone_number: '+15555550104' },
]
const VISIONLINE_DOORS = [
  { name: 'Room 101', category: 'guest' },
  { name: 'Room 102', category: 'guest' },
  { name: 'Room 201', category: 'guest' },
  { name: 'Main Entrance', category: 'entrance' },
  { name: 'Pool & Spa', category: 'common' },
]
const SALTO_DOORS = ['Front Door', 'Server Room', 'Parking Gate']
const ENCODERS = [
  { display_name: 'Front desk encoder', system: 'visionline' },
  { display_name: 'Back office encoder', system: 'visionline' },
  { display_name: 'IT desk encoder', system: 'salto' },
]
// Salto KS access groups and the indexes of their members among the Salto KS users.
const ACCESS_GROUPS = [
  { name: 'Office staff', members: [0, 1, 2] },
  { name: 'Visitors', members: [3] },
]

/**
 * Seeds the fake's database and our stores of the records it has no table for.
 * @param {{ credentials: import('./credential-store.mjs').RecordStore,
 *   encoders: import('./encoders.mjs').EncoderStore }} stores
 * @returns the public `seed` object of startFakeSeam().
 */
export function seedFakeSeam(db, { credentials, encoders }) {
  const random = prng(PRNG_SEED)
  const hex = (length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('')
  const digits = (length) => String(Math.floor(10 ** (length - 1) + random() * 9 * 10 ** (length - 1)))

  // Workspace, keys and tokens.
  const workspace = db.addWorkspace({
    name: 'Fake Seam ACS Workspace',
    company_name: 'Harbor Hospitality',
    publishable_key: TOKENS.publishable_key,
    is_sandbox: true,
    created_at: '2025-01-01T00:00:00.000Z',
  })
  const { workspace_id } = workspace
  const apiKey = db.addApiKey({
    name: 'Fake Seam ACS API Key',
    token: TOKENS.api_key,
    workspace_id,
    created_at: '2025-01-01T00:00:00.000Z',
  })
  const [, shortToken, longToken] = TOKENS.personal_access_token.split('_')
  const accessToken = db.addAccessToken({
    access_token_name: 'Fake Seam ACS Personal Access Token',
    email: 'admin@example.com',
    short_token: shortToken,
    long_token_hash: createHash('sha256').update(longToken).digest('hex'),
    created_at: '2025-01-01T00:00:00.000Z',
  })
  db.addUserWorkspace({
    user_workspace_id: db._getNextId('user_workspace'),
    user_id: accessToken.user_id,
    workspace_id,
    is_owner: true,
    created_at: '2025-01-01T00:00:00.000Z',
  })

  // Connected accounts and ACS systems.
  const addSystem = ({ provider, email, external_type, name, minute }) => {
    const account = db.addConnectedAccount({
      provider,
      workspace_id,
      user_identifier: { email },
      display_name: email,
      account_type: provider,
      created_at: at(-10_000 + minute),
    })
    const system = db.addAcsSystem({
      external_type,
      name,
      workspace_id,
      connected_account_id: account.connected_account_id,
      created_at: at(-10_000 + minute + 1),
    })
    const displayName = ACS_SYSTEM_DISPLAY_NAMES[external_type]
    return patchRecord(db, 'acs_systems', 'acs_system_id', system.acs_system_id, {
      system_type_display_name: displayName,
      external_type_display_name: displayName,
    })
  }
  const visionline = addSystem({
    provider: 'visionline',
    email: 'frontdesk@grand-harbor-hotel.example',
    external_type: 'visionline_system',
    name: 'Grand Harbor Hotel',
    minute: 0,
  })
  const salto = addSystem({
    provider: 'salto_ks',
    email: 'it@harbor-offices.example',
    external_type: 'salto_ks_site',
    name: 'Harbor Offices',
    minute: 10,
  })

  // User identities and ACS users (Ava Thompson exists in both systems).
  const identities = IDENTITIES.map((identity, i) =>
    db.addUserIdentity({
      workspace_id,
      user_identity_key: `guest-${i + 1}`,
      created_at: at(-9_000 + i),
      ...identity,
    }),
  )
  const addUser = (system, user, i, externalType) => {
    const identity = identities[user.identity]
    const email = `${user.full_name.toLowerCase().replace(' ', '.')}@example.com`
    return {
      ...db.addAcsUser({
        acs_system_id: system.acs_system_id,
        workspace_id,
        external_type: externalType,
        full_name: user.full_name,
        email_address: email,
        phone_number: `+1555555${String(200 + i).padStart(4, '0')}`,
        created_at: at(-8_000 + i),
        ...(identity && {
          user_identity_id: identity.user_identity_id,
          user_identity_email_address: identity.email_address,
          user_identity_phone_number: identity.phone_number,
        }),
      }),
      role: user.role,
    }
  }
  const visionlineUsers = VISIONLINE_USERS.map((u, i) => addUser(visionline, u, i, undefined))
  const saltoUsers = SALTO_USERS.map((u, i) => addUser(salto, u, 10 + i, 'salto_site_user'))

  // Entrances, completed with the contract's required fields.
  const addEntrance = (system, display_name, i, fields) => {
    const entrance = db.addAcsEntrance({
      acs_system_id: system.acs_system_id,
      display_name,
      created_at: at(-7_000 + i),
      visionline_metadata: fields.visionline_metadata,
    })
    return patchRecord(db, 'acs_entrances', 'acs_entrance_id', entrance.acs_entrance_id, {
      connected_account_id: system.connected_account_id,
      space_ids: [],
      errors: [],
      warnings: [],
      ...fields,
    })
  }
  const visionlineDoors = VISIONLINE_DOORS.map((door, i) =>
    addEntrance(visionline, door.name, i, {
      can_unlock_with_card: true,
      can_unlock_with_mobile_key: true,
      can_unlock_with_code: false,
      visionline_metadata: {
        door_name: door.name,
        door_category: door.category,
        profiles: [{ visionline_door_profile_id: `VN-${100 + i}`, visionline_door_profile_type: 'BLE' }],
      },
    }),
  )
  const saltoDoors = SALTO_DOORS.map((name, i) =>
    addEntrance(salto, name, 10 + i, {
      can_unlock_with_card: true,
      can_unlock_with_mobile_key: true,
      can_unlock_with_code: true,
      visionline_metadata: undefined,
      salto_ks_metadata: {
        door_name: name,
        lock_type: i === 2 ? 'wall_reader' : 'lock',
        locked_state: 'locked',
        online: true,
        battery_level: 'high',
        privacy_mode: false,
        intrusion_alarm: false,
        left_open_alarm: false,
      },
    }),
  )

  // 60 credentials, Visionline and Salto KS interleaved in creation order.
  // Every 20th pair shares a created_at so ordering must fall back to the id.
  const [guestRooms, commonDoors] = [visionlineDoors.slice(0, 3), visionlineDoors.slice(3)]
  let createdAt
  for (let k = 0; k < 60; k++) {
    const n = Math.floor(k / 2)
    if (k % 20 !== 1) createdAt = at(k * 300 + Math.floor(random() * 50))
    const startsAt = `${createdAt.slice(0, 10)}T15:00:00.000Z`
    const id = credentials.nextId()
    if (k % 2 === 0) {
      // Visionline: hotel cards and mobile keys.
      const user = n % 10 === 9 ? undefined : visionlineUsers[n % visionlineUsers.length]
      const staff = user?.role === 'staff'
      const accessMethod = n % 3 === 2 ? 'mobile_key' : 'card'
      const waiting = accessMethod === 'card' && n % 6 === 1
      const entrances = staff
        ? visionlineDoors
        : [guestRooms[n % 3], commonDoors[0], ...(n % 2 === 0 ? [commonDoors[1]] : [])]
      credentials.add(
        buildCredential({
          id,
          system: visionline,
          acsUser: user,
          accessMethod,
          entrances,
          createdAt,
          cardNumber: accessMethod === 'card' && !waiting ? hex(16) : null,
          startsAt,
          endsAt: staff ? '2031-12-31T23:59:59.000Z' : addMinutes('2030-01-01T11:00:00.000Z', n * 1440),
          isMultiPhoneSync: accessMethod === 'mobile_key' && n % 2 === 0,
          issued: !waiting,
          warnings: waiting ? [waitingToBeIssuedWarning(createdAt)] : [],
          visionline: {
            card_function_type: staff ? 'staff' : 'guest',
            card_id: String(1000 + n),
            credential_id: String(2000 + n),
            is_valid: n % 7 !== 3,
          },
        }),
      )
    } else {
      // Salto KS: PIN codes, tags and mobile keys for office staff.
      const user = n % 10 === 9 ? undefined : saltoUsers[n % saltoUsers.length]
      const accessMethod = n % 2 === 0 ? 'code' : n % 4 === 1 ? 'card' : 'mobile_key'
      const permanent = accessMethod === 'code' && n % 6 === 0
      credentials.add(
        buildCredential({
          id,
          system: salto,
          acsUser: user,
          accessMethod,
          entrances: [saltoDoors[0], ...(n % 3 === 1 ? [saltoDoors[1]] : []), ...(n % 2 === 1 ? [saltoDoors[2]] : [])],
          createdAt,
          code: accessMethod === 'code' ? digits(6) : null,
          cardNumber: accessMethod === 'card' ? hex(14).toUpperCase() : null,
          startsAt: permanent ? undefined : startsAt,
          endsAt: permanent ? undefined : '2031-06-30T23:59:59.000Z',
          isMultiPhoneSync: accessMethod === 'mobile_key' && n % 3 === 0,
        }),
      )
    }
  }

  // Card encoders at the hotel's desks and the office's IT desk.
  const systems = { visionline, salto }
  const seededEncoders = ENCODERS.map(({ display_name, system }, i) =>
    encoders.add({
      acs_encoder_id: encoders.nextId(),
      acs_system_id: systems[system].acs_system_id,
      connected_account_id: systems[system].connected_account_id,
      workspace_id,
      errors: [],
      created_at: at(-6_000 + i),
      display_name,
    }),
  )

  // Salto KS access groups and their members.
  const accessGroups = ACCESS_GROUPS.map(({ name, members }, i) => {
    const group = db.addAcsAccessGroup({
      acs_system_id: salto.acs_system_id,
      external_type: 'salto_ks_access_group',
      name,
      workspace_id,
      created_at: at(-5_000 + i),
    })
    for (const member of members) {
      db.addAcsUserToAcsAccessGroup({
        acs_access_group_id: group.acs_access_group_id,
        acs_user_id: saltoUsers[member].acs_user_id,
      })
    }
    // The fake has no display name for this group type.
    return patchRecord(db, 'acs_access_groups', 'acs_access_group_id', group.acs_access_group_id, {
      access_group_type_display_name: 'Salto KS Access Group',
      external_type_display_name: 'Salto KS Access Group',
    })
  })

  // Client session of the admin console: sees the whole workspace.
  db.addClientSession({
    workspace_id,
    token: TOKENS.client_session_token,
    user_identifier_key: 'fake-seam-admin-console',
    connected_account_ids: [visionline.connected_account_id, salto.connected_account_id],
    connect_webview_ids: [],
    user_identity_ids: [identities[0].user_identity_id],
    api_key_id: apiKey.api_key_id,
    created_at: '2025-01-02T00:00:00.000Z',
    expires_at: '2099-12-31T23:59:59.000Z',
  })

  return {
    workspace_id,
    api_key: TOKENS.api_key,
    client_session_token: TOKENS.client_session_token,
    personal_access_token: TOKENS.personal_access_token,
    publishable_key: TOKENS.publishable_key,
    connected_account_ids: [visionline.connected_account_id, salto.connected_account_id],
    user_identity_ids: identities.map((i) => i.user_identity_id),
    acs_system_ids: [visionline.acs_system_id, salto.acs_system_id],
    acs_user_ids: [...visionlineUsers, ...saltoUsers].map((u) => u.acs_user_id),
    acs_entrance_ids: [...visionlineDoors, ...saltoDoors].map((e) => e.acs_entrance_id),
    acs_credential_ids: credentials.list(workspace_id).map((c) => c.acs_credential_id),
    acs_encoder_ids: seededEncoders.map((e) => e.acs_encoder_id),
    acs_access_group_ids: accessGroups.map((g) => g.acs_access_group_id),
  }
}
