// /acs/credentials/* and /acs/entrances/list_credentials_with_access, which
// fake-seam-connect 1.86.0 does not have. Request and response shapes follow
// /work/shared/reference/openapi-endpoints.txt; methods and auth types are the
// contract's `methods=` and `security:` lines.

import { createHash } from 'node:crypto'

import { z } from 'zod'

import { buildCredential, toPublic, waitingToBeIssuedWarning } from '../credential-store.mjs'
import { invalidField } from '../errors.mjs'
import { publicEntrance } from '../systems.mjs'
import { route } from './contract.mjs'
import { dateTime, oneOf, paging, uuid } from './fields.mjs'
import { acsUserForIdentity, finders, requestedUser } from './finders.mjs'
import { matchesListParams, pagedAnswer } from './pagination.mjs'
const pinCode = z.string().regex(/^\d+$/, 'Code must only contain digits')
const iso = (value) => (value == null ? undefined : new Date(value).toISOString())

/** Adds zod issues for the date rules the contract states in prose. */
function checkDates(body, ctx) {
  if (body.ends_at == null) return
  if (body.starts_at != null && Date.parse(body.ends_at) <= Date.parse(body.starts_at)) {
    ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'ends_at must be after starts_at' })
  }
  if (Date.parse(body.ends_at) <= Date.now()) {
    ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'ends_at must be in the future' })
  }
}

const ONE_USER = ['acs_user_id', 'user_identity_id']

const schemas = {
  create: z
    .object({
      access_method: z.enum(['code', 'card', 'mobile_key', 'cloud_key']),
      acs_system_id: uuid.optional(),
      acs_user_id: uuid.optional(),
      user_identity_id: uuid.optional(),
      allowed_acs_entrance_ids: z.array(uuid).default([]),
      code: pinCode.optional(),
      credential_manager_acs_system_id: uuid.optional(),
      starts_at: dateTime.optional(),
      ends_at: dateTime.optional(),
      is_multi_phone_sync_credential: z.boolean().default(false),
      visionline_metadata: z
        .object({
          auto_join: z.boolean().optional(),
          card_format: z.enum(['TLCode', 'rfid48']).optional(),
          card_function_type: z.enum(['guest', 'staff']).default('guest'),
          is_override_key: z.boolean().optional(),
          joiner_acs_credential_ids: z.array(uuid).optional(),
          override: z.boolean().optional(),
        })
        .optional(),
      assa_abloy_vostio_metadata: z.object({}).passthrough().optional(),
      salto_space_metadata: z.object({}).passthrough().optional(),
      hotek_metadata: z.object({}).passthrough().optional(),
    })
    .superRefine((body, ctx) => {
      oneOf(ONE_USER)(body, ctx)
      if (body.user_identity_id != null && body.acs_system_id == null) {
        ctx.addIssue({
          code: 'custom',
          path: ['acs_system_id'],
          message: 'acs_system_id is required with user_identity_id',
        })
      }
      checkDates(body, ctx)
    }),
  credentialId: z.object({ acs_credential_id: uuid }),
  list: z.object({
    acs_user_id: uuid.optional(),
    acs_system_id: uuid.optional(),
    user_identity_id: uuid.optional(),
    created_before: dateTime.optional(),
    is_multi_phone_sync_credential: z.boolean().optional(),
    ...paging,
    search: z.string().min(1).optional(),
  }),
  update: z
    .object({ acs_credential_id: z.string(), code: pinCode.optional(), ends_at: dateTime.optional() })
    .superRefine(checkDates),
  assign: z
    .object({ acs_credential_id: uuid, acs_user_id: uuid.optional(), user_identity_id: uuid.optional() })
    .superRefine(oneOf(ONE_USER)),
  unassign: z
    .object({ acs_credential_id: uuid, acs_user_id: uuid.optional(), user_identity_id: uuid.optional() })
    .superRefine(oneOf(ONE_USER, { required: false })),
  listCredentialsWithAccess: z.object({
    acs_entrance_id: uuid,
    include_if: z.array(z.enum(['visionline_metadata.is_valid'])).optional(),
  }),
}

/** A fresh 6-digit PIN, derived from the id so runs stay reproducible. */
const pinFor = (id) =>
  String(100000 + (parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 900000))

export function withUser(record, user) {
  const { acs_user_id: _u, user_identity_id: _i, ...rest } = record
  if (user == null) return rest
  return {
    ...rest,
    acs_user_id: user.acs_user_id,
    ...(user.user_identity_id != null && { user_identity_id: user.user_identity_id }),
  }
}

const handlers = {
  create(body, ctx) {
    const find = finders(ctx)
    let user
    let system
    if (body.acs_user_id != null) {
      user = find.user(body.acs_user_id)
      system = find.system(user.acs_system_id)
      if (body.acs_system_id != null && find.system(body.acs_system_id).acs_system_id !== system.acs_system_id) {
        throw invalidField('acs_system_id', 'acs_user_id does not belong to this ACS system')
      }
    } else {
      const identity = find.identity(body.user_identity_id)
      system = find.system(body.acs_system_id)
      user = acsUserForIdentity(ctx.db, identity, system)
    }
    const entrances = body.allowed_acs_entrance_ids.map(find.entrance)
    if (entrances.some((e) => e.acs_system_id !== system.acs_system_id)) {
      throw invalidField('allowed_acs_entrance_ids', 'Entrance belongs to another ACS system')
    }
    const id = ctx.store.nextId()
    const createdAt = new Date().toISOString()
    // A new Visionline card exists in Seam before it is encoded onto a card.
    const waitingForEncoding = body.access_method === 'card' && system.external_type === 'visionline_system'
    const counter = parseInt(id.slice(-12), 16)
    const record = buildCredential({
      id,
      system,
      acsUser: user,
      accessMethod: body.access_method,
      entrances,
      createdAt,
      code: body.code ?? (body.access_method === 'code' ? pinFor(id) : null),
      startsAt: iso(body.starts_at),
      endsAt: iso(body.ends_at),
      isMultiPhoneSync: body.is_multi_phone_sync_credential,
      issued: body.access_method !== 'card',
      warnings: waitingForEncoding ? [waitingToBeIssuedWarning(createdAt)] : [],
      visionline: {
        ...body.visionline_metadata,
        card_id: String(1000 + counter),
        credential_id: String(2000 + counter),
      },
    })
    ctx.store.add(record)
    return { acs_credential: toPublic(record) }
  },

  get(body, ctx) {
    return { acs_credential: toPublic(finders(ctx).credential(body.acs_credential_id)) }
  },

  list(params, ctx) {
    const find = finders(ctx)
    // Unknown filter ids are 404s, like the other ACS routes.
    if (params.acs_user_id != null) find.user(params.acs_user_id)
    if (params.acs_system_id != null) find.system(params.acs_system_id)
    if (params.user_identity_id != null) find.identity(params.user_identity_id)
    const matches = ctx.store
      .list(ctx.auth.workspace_id)
      .filter(
        (c) =>
          (params.acs_user_id == null || c.acs_user_id === params.acs_user_id) &&
          (params.acs_system_id == null || c.acs_system_id === params.acs_system_id) &&
          (params.user_identity_id == null || c.user_identity_id === params.user_identity_id) &&
          (params.is_multi_phone_sync_credential == null ||
            c.is_multi_phone_sync_credential === params.is_multi_phone_sync_credential) &&
          matchesListParams(params, c, [c.display_name, c.code, c.card_number, c.acs_user_id, c.acs_credential_id]),
      )
    return pagedAnswer('acs_credentials', matches, params, {
      idKey: 'acs_credential_id',
      listUrl: `${ctx.baseUrl}/acs/credentials/list`,
      toPublic,
    })
  },

  update(body, ctx) {
    const current = finders(ctx).credential(body.acs_credential_id)
    if (
      body.ends_at != null &&
      current.starts_at != null &&
      Date.parse(body.ends_at) <= Date.parse(current.starts_at)
    ) {
      throw invalidField('ends_at', 'ends_at must be after starts_at')
    }
    const updated = {
      ...current,
      ...(body.code != null && { code: body.code }),
      ...(body.ends_at != null && { ends_at: iso(body.ends_at) }),
      latest_desired_state_synced_with_provider_at: new Date().toISOString(),
    }
    ctx.store.add(updated)
    return { acs_credential: toPublic(updated) }
  },

  assign(body, ctx) {
    const find = finders(ctx)
    const current = find.credential(body.acs_credential_id)
    const user = requestedUser(ctx, body, find.system(current.acs_system_id), 'credential')
    return { acs_credential: toPublic(ctx.store.add(withUser(current, user))) }
  },

  unassign(body, ctx) {
    const find = finders(ctx)
    const current = find.credential(body.acs_credential_id)
    if (body.acs_user_id != null && find.user(body.acs_user_id).acs_user_id !== current.acs_user_id) {
      throw invalidField('acs_user_id', 'Credential is not assigned to this ACS user')
    }
    if (
      body.user_identity_id != null &&
      find.identity(body.user_identity_id).user_identity_id !== current.user_identity_id
    ) {
      throw invalidField('user_identity_id', 'Credential is not assigned to this user identity')
    }
    return { acs_credential: toPublic(ctx.store.add(withUser(current, null))) }
  },

  delete(body, ctx) {
    ctx.store.delete(finders(ctx).credential(body.acs_credential_id).acs_credential_id)
    return {}
  },

  listAccessibleEntrances(body, ctx) {
    const credential = finders(ctx).credential(body.acs_credential_id)
    const entrances = credential._allowed_acs_entrance_ids
      .map((id) => ctx.db.acs_entrances.find((e) => e.acs_entrance_id === id))
      .filter((e) => e != null)
    return { acs_entrances: entrances.map(publicEntrance) }
  },

  listCredentialsWithAccess(body, ctx) {
    const entrance = finders(ctx).entrance(body.acs_entrance_id)
    const onlyValid = body.include_if?.includes('visionline_metadata.is_valid') ?? false
    const credentials = ctx.store
      .list(ctx.auth.workspace_id)
      .filter((c) => c._allowed_acs_entrance_ids.includes(entrance.acs_entrance_id))
      .filter((c) => !onlyValid || c.visionline_metadata?.is_valid === true)
    return { acs_credentials: credentials.map(toPublic) }
  },
}

/** path -> { methods, auth, schema, handle(params, ctx) } */
export const credentialRoutes = new Map([
  route('/acs/credentials/assign', schemas.assign, handlers.assign),
  route('/acs/credentials/create', schemas.create, handlers.create),
  route('/acs/credentials/delete', schemas.credentialId, handlers.delete),
  route('/acs/credentials/get', schemas.credentialId, handlers.get),
  route('/acs/credentials/list', schemas.list, handlers.list),
  route('/acs/credentials/list_accessible_entrances', schemas.credentialId, handlers.listAccessibleEntrances),
  route('/acs/credentials/unassign', schemas.unassign, handlers.unassign),
  route('/acs/credentials/update', schemas.update, handlers.update),
  route(
    '/acs/entrances/list_credentials_with_access',
    schemas.listCredentialsWithAccess,
    handlers.listCredentialsWithAccess,
  ),
])
