// /user_identities/*. fake-seam-connect 1.86.0 lists /user_identities/create and add_acs_user
// but answers both "500 Not implemented!", and has none of the others, so these are ours. They
// keep identities in the fake's `user_identities` table (records as its addUserIdentity makes
// them) and answer them in the contract's shape: plus `acs_user_ids`, `errors`, `warnings`.

import { z } from 'zod'

import { byCreation } from '../credential-store.mjs'
import { deleteRecord, patchRecord } from '../database.mjs'
import { invalidField } from '../errors.mjs'
import { route } from './contract.mjs'
import { dateTime, oneOf, paging, uuid } from './fields.mjs'
import { acsUserForIdentity, finders } from './finders.mjs'
import { matchesListParams, pagedAnswer } from './pagination.mjs'
import { accessibleEntrances, usersOfIdentity } from './users.mjs'

const profile = {
  email_address: z.string().email().nullable().optional(),
  full_name: z.string().min(1).nullable().optional(),
  phone_number: z.string().nullable().optional(),
  user_identity_key: z.string().min(1).nullable().optional(),
}

const schemas = {
  create: z.object({ ...profile, acs_system_ids: z.array(uuid).default([]) }),
  update: z.object({ user_identity_id: uuid, ...profile }),
  get: z
    .object({ user_identity_id: uuid.optional(), user_identity_key: z.string().optional() })
    .superRefine(oneOf(['user_identity_id', 'user_identity_key'])),
  identityId: z.object({ user_identity_id: uuid }),
  list: z.object({
    created_before: dateTime.optional(),
    credential_manager_acs_system_id: uuid.optional(),
    search: z.string().optional(),
    user_identity_ids: z.array(uuid).optional(),
    ...paging,
  }),
  addAcsUser: z
    .object({ acs_user_id: uuid, user_identity_id: uuid.optional(), user_identity_key: z.string().optional() })
    .superRefine(oneOf(['user_identity_id', 'user_identity_key'])),
  removeAcsUser: z.object({ acs_user_id: uuid, user_identity_id: uuid }),
}

function publicIdentity(ctx, identity) {
  return {
    ...identity,
    acs_user_ids: usersOfIdentity(ctx, identity).map((u) => u.acs_user_id),
    errors: [],
    warnings: [],
  }
}

/** Email address, phone number and key are unique in a workspace. */
function checkUnique(ctx, fields, exceptId) {
  for (const key of ['email_address', 'phone_number', 'user_identity_key']) {
    if (fields[key] == null) continue
    const taken = ctx.db.user_identities.some(
      (i) => i.workspace_id === ctx.auth.workspace_id && i.user_identity_id !== exceptId && i[key] === fields[key],
    )
    if (taken) throw invalidField(key, `Another user identity has this ${key}`)
  }
}

const identityByKey = (ctx, key) =>
  ctx.db.user_identities.find((i) => i.workspace_id === ctx.auth.workspace_id && i.user_identity_key === key)

/** Links an ACS user to an identity, copying the identity's contact details as Seam does. */
function link(ctx, user, identity) {
  return ctx.db.updateAcsUser({
    acs_user_id: user.acs_user_id,
    user_identity_id: identity.user_identity_id,
    user_identity_email_address: identity.email_address ?? undefined,
    user_identity_phone_number: identity.phone_number ?? undefined,
  })
}

const handlers = {
  create(body, ctx) {
    const find = finders(ctx)
    const systems = body.acs_system_ids.map(find.system)
    checkUnique(ctx, body)
    const identity = ctx.db.addUserIdentity({
      workspace_id: ctx.auth.workspace_id,
      user_identity_key: body.user_identity_key ?? undefined,
      email_address: body.email_address ?? undefined,
      full_name: body.full_name ?? undefined,
      phone_number: body.phone_number ?? undefined,
    })
    // In each system: the user with the same email or phone joins the identity, else a new one.
    for (const system of systems) {
      const same = ctx.db.acs_users.find(
        (u) =>
          u.acs_system_id === system.acs_system_id &&
          u.user_identity_id == null &&
          ((identity.email_address != null && u.email_address === identity.email_address) ||
            (identity.phone_number != null && u.phone_number === identity.phone_number)),
      )
      if (same != null) link(ctx, same, identity)
      else acsUserForIdentity(ctx.db, identity, system)
    }
    return { user_identity: publicIdentity(ctx, identity) }
  },

  get(body, ctx) {
    const id = body.user_identity_id ?? identityByKey(ctx, body.user_identity_key)?.user_identity_id
    return { user_identity: publicIdentity(ctx, finders(ctx).identity(id)) }
  },

  list(params, ctx) {
    let managed = null
    if (params.credential_manager_acs_system_id != null) {
      // Identities with a user in that credential manager (no seeded system is one).
      const manager = finders(ctx).system(params.credential_manager_acs_system_id)
      const users = manager.is_credential_manager === true ? ctx.db.acs_users : []
      managed = new Set(users.filter((u) => u.acs_system_id === manager.acs_system_id).map((u) => u.user_identity_id))
    }
    const identities = ctx.db.user_identities
      .filter(
        (i) =>
          i.workspace_id === ctx.auth.workspace_id &&
          (params.user_identity_ids == null || params.user_identity_ids.includes(i.user_identity_id)) &&
          (managed == null || managed.has(i.user_identity_id)) &&
          matchesListParams(params, i, [i.full_name, i.phone_number, i.email_address, i.user_identity_id]),
      )
      .sort(byCreation('user_identity_id'))
    return pagedAnswer('user_identities', identities, params, {
      idKey: 'user_identity_id',
      listUrl: `${ctx.baseUrl}/user_identities/list`,
      toPublic: (i) => publicIdentity(ctx, i),
    })
  },

  update(body, ctx) {
    const { user_identity_id, ...fields } = body
    const identity = finders(ctx).identity(user_identity_id)
    checkUnique(ctx, fields, user_identity_id)
    const updated = patchRecord(ctx.db, 'user_identities', 'user_identity_id', user_identity_id, fields)
    // The fake derives display_name when it makes the record; keep it in step with the name.
    if (fields.full_name !== undefined || fields.email_address !== undefined) {
      patchRecord(ctx.db, 'user_identities', 'user_identity_id', user_identity_id, {
        display_name: updated.full_name ?? updated.email_address ?? updated.user_identity_key ?? identity.display_name,
      })
    }
    return {}
  },

  /** As the contract says, its ACS users and their credentials go with it. */
  delete(body, ctx) {
    const identity = finders(ctx).identity(body.user_identity_id)
    for (const user of usersOfIdentity(ctx, identity)) {
      for (const credential of ctx.store.list(ctx.auth.workspace_id)) {
        if (credential.acs_user_id === user.acs_user_id) ctx.store.delete(credential.acs_credential_id)
      }
      ctx.db.deleteAcsUser(user.acs_user_id)
    }
    deleteRecord(ctx.db, 'user_identities', 'user_identity_id', identity.user_identity_id)
    return {}
  },

  addAcsUser(body, ctx) {
    const find = finders(ctx)
    const user = find.user(body.acs_user_id)
    let identity
    if (body.user_identity_id != null) {
      identity = find.identity(body.user_identity_id)
    } else {
      // An unknown key makes a new identity from the ACS user's details.
      identity =
        identityByKey(ctx, body.user_identity_key) ??
        ctx.db.addUserIdentity({
          workspace_id: ctx.auth.workspace_id,
          user_identity_key: body.user_identity_key,
          full_name: user.full_name,
          email_address: user.email_address,
          phone_number: user.phone_number,
        })
    }
    link(ctx, user, identity)
    return {}
  },

  removeAcsUser(body, ctx) {
    const find = finders(ctx)
    const identity = find.identity(body.user_identity_id)
    const user = find.user(body.acs_user_id)
    if (user.user_identity_id !== identity.user_identity_id) {
      throw invalidField('acs_user_id', 'ACS user is not linked to this user identity')
    }
    ctx.db.updateAcsUser({ acs_user_id: user.acs_user_id, user_identity_id: undefined })
    return {}
  },

  listAcsUsers(body, ctx) {
    return { acs_users: usersOfIdentity(ctx, finders(ctx).identity(body.user_identity_id)) }
  },

  listAcsSystems(body, ctx) {
    const systemIds = new Set(
      usersOfIdentity(ctx, finders(ctx).identity(body.user_identity_id)).map((u) => u.acs_system_id),
    )
    return { acs_systems: ctx.db.acs_systems.filter((s) => systemIds.has(s.acs_system_id)) }
  },

  listAccessibleEntrances(body, ctx) {
    return {
      acs_entrances: accessibleEntrances(ctx, usersOfIdentity(ctx, finders(ctx).identity(body.user_identity_id))),
    }
  },

  /** Devices (locks, not ACS entrances): the seed has none. */
  listAccessibleDevices(body, ctx) {
    finders(ctx).identity(body.user_identity_id)
    return { devices: [], accessible_devices: [] }
  },
}

export const userIdentityRoutes = new Map([
  route('/user_identities/create', schemas.create, handlers.create),
  route('/user_identities/get', schemas.get, handlers.get),
  route('/user_identities/list', schemas.list, handlers.list),
  route('/user_identities/update', schemas.update, handlers.update),
  route('/user_identities/delete', schemas.identityId, handlers.delete),
  route('/user_identities/add_acs_user', schemas.addAcsUser, handlers.addAcsUser),
  route('/user_identities/remove_acs_user', schemas.removeAcsUser, handlers.removeAcsUser),
  route('/user_identities/list_acs_users', schemas.identityId, handlers.listAcsUsers),
  route('/user_identities/list_acs_systems', schemas.identityId, handlers.listAcsSystems),
  route('/user_identities/list_accessible_entrances', schemas.identityId, handlers.listAccessibleEntrances),
  route('/user_identities/list_accessible_devices', schemas.identityId, handlers.listAccessibleDevices),
])
