// Lookups scoped to the caller's workspace, shared by our routes. A record of another
// workspace is as missing as an unknown id: 404 with the type of the missing object and the
// wording of fake-seam-connect's own acs routes ("Access control ... not found").

import { invalidField, notFound } from '../errors.mjs'

export function finders({ db, store, encoders, auth }) {
  const inWorkspace = (record) => record?.workspace_id === auth.workspace_id
  const check = (record, type, message) => {
    if (!inWorkspace(record)) throw notFound(type, message)
    return record
  }
  const find = (table, key, type, message) => (id) =>
    check(
      db[table].find((r) => r[key] === id),
      type,
      message,
    )
  return {
    credential: (id) => check(store.get(id), 'acs_credential_not_found', 'Access control credential not found'),
    encoder: (id) => check(encoders.get(id), 'acs_encoder_not_found', 'Access control encoder not found'),
    user: find('acs_users', 'acs_user_id', 'acs_user_not_found', 'Access control user not found'),
    system: find('acs_systems', 'acs_system_id', 'acs_system_not_found', 'Access control system not found'),
    entrance: find('acs_entrances', 'acs_entrance_id', 'acs_entrance_not_found', 'Access control entrance not found'),
    identity: find('user_identities', 'user_identity_id', 'user_identity_not_found', 'User identity not found'),
    accessGroup: find(
      'acs_access_groups',
      'acs_access_group_id',
      'acs_access_group_not_found',
      'Access control group not found',
    ),
  }
}

/**
 * The ACS user of a user identity in a system; created when missing, as the contract says for
 * create/assign/add_user with user_identity_id.
 */
export function acsUserForIdentity(db, identity, system) {
  const existing = db.acs_users.find(
    (u) => u.acs_system_id === system.acs_system_id && u.user_identity_id === identity.user_identity_id,
  )
  if (existing) return existing
  return db.addAcsUser({
    acs_system_id: system.acs_system_id,
    workspace_id: system.workspace_id,
    external_type: system.external_type === 'salto_ks_site' ? 'salto_site_user' : undefined,
    full_name: identity.full_name ?? identity.display_name,
    email_address: identity.email_address ?? undefined,
    phone_number: identity.phone_number ?? undefined,
    user_identity_id: identity.user_identity_id,
    user_identity_email_address: identity.email_address ?? undefined,
    user_identity_phone_number: identity.phone_number ?? undefined,
  })
}

/**
 * The ACS user a request names in `system`: by acs_user_id, or by user_identity_id (that
 * identity's user there, made if missing). `what` names the system's owner in the 400 answer
 * for a user of another system ("credential", "encoder", ...).
 */
export function requestedUser(ctx, { acs_user_id, user_identity_id }, system, what) {
  const find = finders(ctx)
  const user =
    acs_user_id != null ? find.user(acs_user_id) : acsUserForIdentity(ctx.db, find.identity(user_identity_id), system)
  if (user.acs_system_id !== system.acs_system_id) {
    throw invalidField('acs_user_id', `ACS user is not in the ${what}'s ACS system`)
  }
  return user
}
