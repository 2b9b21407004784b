// ACS user and system routes of ours. fake-seam-connect answers the others itself
// (/acs/users/create|get|update|delete|suspend|unsuspend|..., /acs/systems/get|list).
//
// /acs/users/list is ours although the fake has it: the fake's takes no `search`, `limit`,
// `page_cursor` or `created_before` and answers no `pagination`, and a front desk picks a
// person by searching. It serves the fake's records unchanged, as the fake's own route does.

import { z } from 'zod'

import { byCreation } from '../credential-store.mjs'
import { publicEntrance } from '../systems.mjs'
import { route } from './contract.mjs'
import { dateTime, oneOf, paging, uuid } from './fields.mjs'
import { finders } from './finders.mjs'
import { matchesListParams, pagedAnswer } from './pagination.mjs'

const schemas = {
  list: z.object({
    acs_system_id: uuid.optional(),
    created_before: dateTime.optional(),
    search: z.string().min(1).optional(),
    user_identity_email_address: z.string().optional(),
    user_identity_id: uuid.optional(),
    user_identity_phone_number: z.string().optional(),
    ...paging,
  }),
  listAccessibleEntrances: z
    .object({ acs_user_id: uuid.optional(), user_identity_id: uuid.optional(), acs_system_id: uuid.optional() })
    .superRefine(oneOf(['acs_user_id', 'user_identity_id']))
    .superRefine((body, ctx) => {
      if (body.acs_system_id != null && body.user_identity_id == null) {
        ctx.addIssue({
          code: 'custom',
          path: ['acs_system_id'],
          message: 'acs_system_id is only allowed with user_identity_id',
        })
      }
    }),
  systemId: z.object({ acs_system_id: uuid }),
}

/** The ACS users of the workspace linked to a user identity. */
export const usersOfIdentity = (ctx, identity) =>
  ctx.db.acs_users.filter(
    (u) => u.workspace_id === ctx.auth.workspace_id && u.user_identity_id === identity.user_identity_id,
  )

/**
 * Entrances the users can open: granted to them directly (the fake's /acs/entrances/grant_access)
 * or through one of their credentials, in the fake's order of entrances.
 */
export function accessibleEntrances(ctx, users) {
  const userIds = new Set(users.map((u) => u.acs_user_id))
  const viaCredentials = new Set(
    ctx.store
      .list(ctx.auth.workspace_id)
      .filter((c) => userIds.has(c.acs_user_id))
      .flatMap((c) => c._allowed_acs_entrance_ids),
  )
  return ctx.db.acs_entrances
    .filter(
      (e) =>
        e.workspace_id === ctx.auth.workspace_id &&
        (viaCredentials.has(e.acs_entrance_id) || (e._acs_user_ids ?? []).some((id) => userIds.has(id))),
    )
    .map(publicEntrance)
}

const handlers = {
  list(params, ctx) {
    const find = finders(ctx)
    if (params.acs_system_id != null) find.system(params.acs_system_id)
    if (params.user_identity_id != null) find.identity(params.user_identity_id)
    const identities = new Map(ctx.db.user_identities.map((i) => [i.user_identity_id, i]))
    const identityFilters = [
      ['user_identity_id', params.user_identity_id],
      ['email_address', params.user_identity_email_address],
      ['phone_number', params.user_identity_phone_number],
    ].filter(([, value]) => value != null)
    const users = ctx.db.acs_users
      .filter((u) => {
        if (u.workspace_id !== ctx.auth.workspace_id) return false
        if (params.acs_system_id != null && u.acs_system_id !== params.acs_system_id) return false
        const identity = identities.get(u.user_identity_id)
        if (identityFilters.some(([key, value]) => identity?.[key] !== value)) return false
        return matchesListParams(params, u, [
          u.full_name,
          u.phone_number,
          u.email_address,
          u.acs_user_id,
          u.user_identity_id,
          identity?.full_name,
          identity?.phone_number,
        ])
      })
      .sort(byCreation('acs_user_id'))
    return pagedAnswer('acs_users', users, params, { idKey: 'acs_user_id', listUrl: `${ctx.baseUrl}/acs/users/list` })
  },

  listAccessibleEntrances(body, ctx) {
    const find = finders(ctx)
    if (body.acs_user_id != null) return { acs_entrances: accessibleEntrances(ctx, [find.user(body.acs_user_id)]) }
    if (body.acs_system_id != null) find.system(body.acs_system_id)
    const users = usersOfIdentity(ctx, find.identity(body.user_identity_id)).filter(
      (u) => body.acs_system_id == null || u.acs_system_id === body.acs_system_id,
    )
    return { acs_entrances: accessibleEntrances(ctx, users) }
  },

  /** None of the seeded systems is a credential manager, so the list is empty (but checked). */
  listCompatibleCredentialManagers(body, ctx) {
    finders(ctx).system(body.acs_system_id)
    return {
      acs_systems: ctx.db.acs_systems.filter(
        (s) => s.workspace_id === ctx.auth.workspace_id && s.is_credential_manager === true,
      ),
    }
  },
}

export const userRoutes = new Map([
  route('/acs/users/list', schemas.list, handlers.list),
  route('/acs/users/list_accessible_entrances', schemas.listAccessibleEntrances, handlers.listAccessibleEntrances),
  route(
    '/acs/systems/list_compatible_credential_manager_acs_systems',
    schemas.systemId,
    handlers.listCompatibleCredentialManagers,
  ),
])
