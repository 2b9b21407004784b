// zod fields the routes share, with the contract's formats.

import { z } from 'zod'

export const uuid = z.string().uuid()
export const dateTime = z.string().datetime({ offset: true })

/** `limit` and `page_cursor` of the contract's paged lists. */
export const paging = {
  limit: z.number().int().positive().default(500),
  page_cursor: z.string().nullable().optional(),
}
