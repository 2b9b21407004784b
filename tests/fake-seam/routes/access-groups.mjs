// /acs/access_groups/*, which fake-seam-connect 1.86.0 does not have (it has the groups, in its
// `acs_access_groups` table, and /acs/users/add_to_access_group|remove_from_access_group).
// Groups are answered in the contract's shape: the fake's record without its internal
// `_acs_user_ids`, plus the required fields it does not make.

import { z } from 'zod'

import { toPublic } from '../credential-store.mjs'
import { deleteRecord } from '../database.mjs'
import { route } from './contract.mjs'
import { oneOf, uuid } from './fields.mjs'
import { finders, requestedUser } from './finders.mjs'
import { matchesListParams } from './pagination.mjs'
import { usersOfIdentity } from './users.mjs'

const schemas = {
  groupId: z.object({ acs_access_group_id: uuid }),
  list: z.object({
    acs_system_id: uuid.optional(),
    acs_user_id: uuid.optional(),
    user_identity_id: uuid.optional(),
    search: z.string().min(1).optional(),
  }),
  member: z
    .object({ acs_access_group_id: uuid, acs_user_id: uuid.optional(), user_identity_id: uuid.optional() })
    .superRefine(oneOf(['acs_user_id', 'user_identity_id'])),
}

function publicGroup(ctx, group) {
  const system = ctx.db.acs_systems.find((s) => s.acs_system_id === group.acs_system_id)
  return {
    ...toPublic(group),
    connected_account_id: system?.connected_account_id,
    display_name: group.name,
    errors: [],
    warnings: [],
    pending_mutations: [],
    is_managed: true,
  }
}

const handlers = {
  list(params, ctx) {
    const find = finders(ctx)
    if (params.acs_system_id != null) find.system(params.acs_system_id)
    let memberIds = null
    if (params.acs_user_id != null) memberIds = [find.user(params.acs_user_id).acs_user_id]
    else if (params.user_identity_id != null) {
      memberIds = usersOfIdentity(ctx, find.identity(params.user_identity_id)).map((u) => u.acs_user_id)
    }
    const groups = ctx.db.acs_access_groups.filter(
      (g) =>
        g.workspace_id === ctx.auth.workspace_id &&
        (params.acs_system_id == null || g.acs_system_id === params.acs_system_id) &&
        (memberIds == null || memberIds.some((id) => g._acs_user_ids.includes(id))) &&
        matchesListParams(params, g, [g.name, g.acs_access_group_id]),
    )
    return { acs_access_groups: groups.map((g) => publicGroup(ctx, g)) }
  },

  get(body, ctx) {
    return { acs_access_group: publicGroup(ctx, finders(ctx).accessGroup(body.acs_access_group_id)) }
  },

  listUsers(body, ctx) {
    const group = finders(ctx).accessGroup(body.acs_access_group_id)
    return { acs_users: ctx.db.acs_users.filter((u) => group._acs_user_ids.includes(u.acs_user_id)) }
  },

  /** The fake's groups open no entrances of their own. */
  listAccessibleEntrances(body, ctx) {
    finders(ctx).accessGroup(body.acs_access_group_id)
    return { acs_entrances: [] }
  },

  addUser(body, ctx) {
    const group = finders(ctx).accessGroup(body.acs_access_group_id)
    const user = requestedUser(ctx, body, finders(ctx).system(group.acs_system_id), 'access group')
    if (!group._acs_user_ids.includes(user.acs_user_id)) {
      ctx.db.addAcsUserToAcsAccessGroup({
        acs_access_group_id: group.acs_access_group_id,
        acs_user_id: user.acs_user_id,
      })
    }
    return {}
  },

  removeUser(body, ctx) {
    const group = finders(ctx).accessGroup(body.acs_access_group_id)
    const user = requestedUser(ctx, body, finders(ctx).system(group.acs_system_id), 'access group')
    ctx.db.removeAcsUserFromAcsAccessGroup({
      acs_access_group_id: group.acs_access_group_id,
      acs_user_id: user.acs_user_id,
    })
    return {}
  },

  delete(body, ctx) {
    const group = finders(ctx).accessGroup(body.acs_access_group_id)
    deleteRecord(ctx.db, 'acs_access_groups', 'acs_access_group_id', group.acs_access_group_id)
    return {}
  },
}

export const accessGroupRoutes = new Map([
  route('/acs/access_groups/list', schemas.list, handlers.list),
  route('/acs/access_groups/get', schemas.groupId, handlers.get),
  route('/acs/access_groups/list_users', schemas.groupId, handlers.listUsers),
  route('/acs/access_groups/list_accessible_entrances', schemas.groupId, handlers.listAccessibleEntrances),
  route('/acs/access_groups/add_user', schemas.member, handlers.addUser),
  route('/acs/access_groups/remove_user', schemas.member, handlers.removeUser),
  route('/acs/access_groups/delete', schemas.groupId, handlers.delete),
])
