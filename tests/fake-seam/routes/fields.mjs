// zod fields the routes share, with the contract's formats.

import { z } from 'zod'

export const uuid = z.string().uuid()
export const dateTime = z.string().datetime({ offset: true })

/** `limit` and `page_cursor` of the contract's paged lists. */
export const paging = {
  limit: z.number().int().positive().default(500),
  page_cursor: z.string().nullable().optional(),
}

/**
 * A zod refinement for "provide exactly one of `keys`" (or at most one, `required: false`),
 * worded like Seam's: "Must specify exactly one of acs_user_id or user_identity_id".
 */
export const oneOf =
  (keys, { required = true } = {}) =>
  (body, ctx) => {
    const given = keys.filter((key) => body[key] != null).length
    if (given > 1 || (required && given === 0)) {
      const names = `${keys.slice(0, -1).join(', ')} or ${keys.at(-1)}`
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Must specify ${required ? 'exactly' : 'at most'} one of ${names}`,
      })
    }
  }
