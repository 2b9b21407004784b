// /acs/encoders/*, which fake-seam-connect 1.86.0 does not have: list and get; encode_credential,
// scan_credential and scan_to_assign_credential, each answering a pending action attempt that
// settles later (../action-attempts.mjs); and the simulate/* routes of Seam's sandbox, which set
// what an encoder's next encode or scan does (../encoders.mjs).

import { createHash } from 'node:crypto'

import { z } from 'zod'

import { toPublic } from '../credential-store.mjs'
import { invalidField, notFound } from '../errors.mjs'
import { route } from './contract.mjs'
import { withUser } from './credentials.mjs'
import { oneOf, paging, uuid } from './fields.mjs'
import { finders, requestedUser } from './finders.mjs'
import { pagedAnswer } from './pagination.mjs'

// The `error` of a failed attempt, as the contract's action_attempt variants list them.
const ATTEMPT_ERRORS = {
  no_credential_on_encoder: 'No card was found on the encoder.',
  encoding_interrupted: 'Encoding was interrupted: the card was removed before writing was complete.',
  uncategorized_error: 'The encoder reported an error.',
  action_attempt_expired: 'The action attempt expired before the encoder answered.',
  credential_deleted: 'The credential was deleted and can no longer be encoded.',
}
const attemptError = (type) => ({ type, message: ATTEMPT_ERRORS[type] })

/**
 * The simulate/*_will_fail bodies are one of two variants told apart by their error codes:
 * `idKey` (optional) belongs to the variant of the codes in `withId` only.
 */
const variantOf =
  ({ idKey, withId }) =>
  (body, ctx) => {
    if (body[idKey] != null && !withId.includes(body.error_code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['error_code'],
        message: `With ${idKey}, error_code must be one of ${withId.join(', ')}`,
      })
    }
  }

const schemas = {
  list: z
    .object({
      acs_system_id: uuid.optional(),
      acs_system_ids: z.array(uuid).optional(),
      acs_encoder_ids: z.array(uuid).optional(),
      ...paging,
    })
    .superRefine(oneOf(['acs_system_id', 'acs_system_ids', 'acs_encoder_ids'])),
  encoderId: z.object({ acs_encoder_id: uuid }),
  encode: z
    .object({ acs_encoder_id: uuid, acs_credential_id: uuid.optional(), access_method_id: uuid.optional() })
    .superRefine(oneOf(['acs_credential_id', 'access_method_id'])),
  scan: z.object({
    acs_encoder_id: uuid,
    salto_ks_metadata: z.object({ detect_new_tags: z.boolean().default(false) }).optional(),
  }),
  scanToAssign: z
    .object({
      acs_encoder_id: uuid,
      acs_user_id: uuid.optional(),
      user_identity_id: uuid.optional(),
      salto_ks_metadata: z.object({ detect_new_tags: z.boolean().default(false) }).optional(),
    })
    .superRefine(oneOf(['acs_user_id', 'user_identity_id'])),
  encodeWillSucceed: z.object({
    acs_encoder_id: uuid,
    scenario: z.enum(['credential_is_issued']).default('credential_is_issued'),
  }),
  encodeWillFail: z
    .object({
      acs_encoder_id: uuid,
      acs_credential_id: uuid.optional(),
      error_code: z
        .enum(['no_credential_on_encoder', 'encoding_interrupted', 'uncategorized_error', 'action_attempt_expired'])
        .optional(),
    })
    .superRefine(variantOf({ idKey: 'acs_credential_id', withId: ['uncategorized_error', 'action_attempt_expired'] })),
  scanWillSucceed: z
    .object({
      acs_encoder_id: uuid,
      acs_credential_id_on_seam: uuid.optional(),
      scenario: z
        .enum([
          'credential_exists_on_seam',
          'credential_on_encoder_needs_update',
          'credential_does_not_exist_on_seam',
          'credential_on_encoder_is_empty',
        ])
        .default('credential_exists_on_seam'),
    })
    .superRefine((body, ctx) => {
      const withId = ['credential_exists_on_seam', 'credential_on_encoder_needs_update']
      if (body.acs_credential_id_on_seam != null && !withId.includes(body.scenario)) {
        ctx.addIssue({
          code: 'custom',
          path: ['acs_credential_id_on_seam'],
          message: `acs_credential_id_on_seam is not allowed with this scenario`,
        })
      }
    }),
  scanWillFail: z
    .object({
      acs_encoder_id: uuid,
      acs_credential_id_on_seam: uuid.optional(),
      error_code: z.enum(['no_credential_on_encoder', 'uncategorized_error', 'action_attempt_expired']).optional(),
    })
    .superRefine(
      variantOf({ idKey: 'acs_credential_id_on_seam', withId: ['uncategorized_error', 'action_attempt_expired'] }),
    ),
}

/** A card number derived from the credential's id, so runs stay reproducible. */
const cardNumberFor = (id) => createHash('sha256').update(`card:${id}`).digest('hex').slice(0, 16)

/** The credential once its card is encoded: issued, with a card number, no longer waiting. */
function encoded(record) {
  return {
    ...record,
    card_number: record.card_number ?? cardNumberFor(record.acs_credential_id),
    is_issued: true,
    issued_at: new Date().toISOString(),
    warnings: record.warnings.filter((w) => w.warning_code !== 'waiting_to_be_issued'),
  }
}

/** What an encoder reads from a card (`acs_credential_on_encoder` of a scan). */
function cardSnapshot(credential) {
  return {
    card_number: credential.card_number ?? null,
    created_at: credential.created_at,
    ends_at: credential.ends_at ?? null,
    is_issued: credential.is_issued ?? null,
    starts_at: credential.starts_at ?? null,
    ...(credential.visionline_metadata != null && {
      visionline_metadata: {
        card_id: credential.visionline_metadata.card_id,
        guest_acs_entrance_ids: credential.visionline_metadata.guest_acs_entrance_ids,
        common_acs_entrance_ids: credential.visionline_metadata.common_acs_entrance_ids,
      },
    }),
  }
}

/**
 * The issued card lying on the encoder: the one it encoded last, else the first issued card of
 * its system (so a scan works before any encode).
 */
function cardOnEncoder(ctx, encoder) {
  const last = ctx.store.get(ctx.encoders.lastEncoded(encoder.acs_encoder_id))
  if (last != null) return last
  return ctx.store
    .list(encoder.workspace_id)
    .find((c) => c.acs_system_id === encoder.acs_system_id && c.access_method === 'card' && c.is_issued === true)
}

/** The result of a successful scan in the given scenario (simulate/next_credential_scan_will_succeed). */
function scanResult(ctx, encoder, { scenario = 'credential_exists_on_seam', acs_credential_id_on_seam } = {}) {
  const empty = { acs_credential_on_encoder: null, acs_credential_on_seam: null, warnings: [] }
  if (scenario === 'credential_on_encoder_is_empty') return empty
  if (scenario === 'credential_does_not_exist_on_seam') {
    return {
      acs_credential_on_encoder: {
        card_number: cardNumberFor(encoder.acs_encoder_id),
        created_at: null,
        ends_at: null,
        is_issued: true,
        starts_at: null,
      },
      acs_credential_on_seam: null,
      warnings: [
        {
          warning_code: 'acs_credential_on_seam_not_found',
          warning_message: 'The card on the encoder is unknown to Seam.',
        },
      ],
    }
  }
  const credential =
    acs_credential_id_on_seam == null ? cardOnEncoder(ctx, encoder) : ctx.store.get(acs_credential_id_on_seam)
  if (credential == null) return empty
  const onEncoder = cardSnapshot(credential)
  if (scenario === 'credential_on_encoder_needs_update') {
    // The card still carries an older validity than the credential on Seam.
    onEncoder.ends_at = new Date(Date.parse(credential.ends_at ?? credential.created_at) - 86_400_000).toISOString()
    return {
      acs_credential_on_encoder: onEncoder,
      acs_credential_on_seam: toPublic(credential),
      warnings: [
        {
          warning_code: 'acs_credential_on_encoder_out_of_sync',
          warning_message: 'The card on the encoder differs from the credential on Seam: encode it again.',
        },
      ],
    }
  }
  return { acs_credential_on_encoder: onEncoder, acs_credential_on_seam: toPublic(credential), warnings: [] }
}

/**
 * A simulate/* handler: checks the encoder and any credential the body names, then sets what the
 * encoder's next `kind` ('encode' | 'scan') does to `outcome(body)`.
 */
const simulate = (kind, outcome) => (body, ctx) => {
  const find = finders(ctx)
  const encoder = find.encoder(body.acs_encoder_id)
  const credentialId = body.acs_credential_id ?? body.acs_credential_id_on_seam
  if (credentialId != null) find.credential(credentialId)
  ctx.encoders.setNext(kind, encoder.acs_encoder_id, outcome(body))
  return {}
}

const handlers = {
  list(params, ctx) {
    const systemIds = params.acs_system_ids ?? (params.acs_system_id == null ? null : [params.acs_system_id])
    if (params.acs_system_id != null) finders(ctx).system(params.acs_system_id)
    const encoders = ctx.encoders
      .list(ctx.auth.workspace_id)
      .filter(
        (e) =>
          (systemIds == null || systemIds.includes(e.acs_system_id)) &&
          (params.acs_encoder_ids == null || params.acs_encoder_ids.includes(e.acs_encoder_id)),
      )
    return pagedAnswer('acs_encoders', encoders, params, {
      idKey: 'acs_encoder_id',
      listUrl: `${ctx.baseUrl}/acs/encoders/list`,
      toPublic,
    })
  },

  get(params, ctx) {
    return { acs_encoder: toPublic(finders(ctx).encoder(params.acs_encoder_id)) }
  },

  encode(body, ctx) {
    const find = finders(ctx)
    const encoder = find.encoder(body.acs_encoder_id)
    // Access methods (the newer access grants API) are not modelled here.
    if (body.access_method_id != null) throw notFound('access_method_not_found', 'Access method not found')
    const credential = find.credential(body.acs_credential_id)
    if (credential.access_method !== 'card') {
      throw invalidField('acs_credential_id', 'Only a card credential can be encoded')
    }
    if (credential.acs_system_id !== encoder.acs_system_id) {
      throw invalidField('acs_encoder_id', "Encoder is not in the credential's ACS system")
    }
    const id = credential.acs_credential_id
    // A failure simulated for one credential waits for that credential.
    const next = ctx.encoders.takeNext('encode', encoder.acs_encoder_id, (o) => (o.acs_credential_id ?? id) === id)
    const attempt = ctx.attempts.start('ENCODE_CREDENTIAL', () => {
      if (next?.error_code != null) return { error: attemptError(next.error_code) }
      const current = ctx.store.get(id)
      if (current == null) return { error: attemptError('credential_deleted') }
      ctx.encoders.rememberEncoded(encoder.acs_encoder_id, id)
      return { result: toPublic(ctx.store.add(encoded(current))) }
    })
    return { action_attempt: attempt }
  },

  scan(body, ctx) {
    const encoder = finders(ctx).encoder(body.acs_encoder_id)
    const next = ctx.encoders.takeNext('scan', encoder.acs_encoder_id)
    const attempt = ctx.attempts.start('SCAN_CREDENTIAL', () =>
      next?.error_code != null ? { error: attemptError(next.error_code) } : { result: scanResult(ctx, encoder, next) },
    )
    return { action_attempt: attempt }
  },

  scanToAssign(body, ctx) {
    const find = finders(ctx)
    const encoder = find.encoder(body.acs_encoder_id)
    const user = requestedUser(ctx, body, find.system(encoder.acs_system_id), 'encoder')
    const next = ctx.encoders.takeNext('scan', encoder.acs_encoder_id)
    const attempt = ctx.attempts.start('SCAN_TO_ASSIGN_CREDENTIAL', () => {
      if (next?.error_code != null) return { error: attemptError(next.error_code) }
      const card = scanResult(ctx, encoder, next).acs_credential_on_seam
      const current = card == null ? undefined : ctx.store.get(card.acs_credential_id)
      if (current == null) return { error: attemptError('no_credential_on_encoder') }
      return { result: toPublic(ctx.store.add(withUser(current, user))) }
    })
    return { action_attempt: attempt }
  },

  encodeWillSucceed: simulate('encode', () => ({})),
  encodeWillFail: simulate('encode', (body) => ({
    error_code: body.error_code ?? 'no_credential_on_encoder',
    acs_credential_id: body.acs_credential_id,
  })),
  scanWillSucceed: simulate('scan', (body) => ({
    scenario: body.scenario,
    acs_credential_id_on_seam: body.acs_credential_id_on_seam,
  })),
  scanWillFail: simulate('scan', (body) => ({ error_code: body.error_code ?? 'no_credential_on_encoder' })),
}

export const encoderRoutes = new Map([
  route('/acs/encoders/list', schemas.list, handlers.list),
  route('/acs/encoders/get', schemas.encoderId, handlers.get),
  route('/acs/encoders/encode_credential', schemas.encode, handlers.encode),
  route('/acs/encoders/scan_credential', schemas.scan, handlers.scan),
  route('/acs/encoders/scan_to_assign_credential', schemas.scanToAssign, handlers.scanToAssign),
  route(
    '/acs/encoders/simulate/next_credential_encode_will_succeed',
    schemas.encodeWillSucceed,
    handlers.encodeWillSucceed,
  ),
  route('/acs/encoders/simulate/next_credential_encode_will_fail', schemas.encodeWillFail, handlers.encodeWillFail),
  route('/acs/encoders/simulate/next_credential_scan_will_succeed', schemas.scanWillSucceed, handlers.scanWillSucceed),
  route('/acs/encoders/simulate/next_credential_scan_will_fail', schemas.scanWillFail, handlers.scanWillFail),
])
