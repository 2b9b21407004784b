// Cursor pagination in fake-seam-connect's style: the cursor is base64 JSON of
// [hash of the other query parameters, position], so a cursor can only be used
// with the query that produced it. The position is the (created_at, id) of the
// first item of the next page; we resume at the first item >= that key, which
// keeps working when that very item was deleted in between.

import { createHash } from 'node:crypto'

import { badRequest, invalidField } from '../errors.mjs'
import { serializeParams } from './params.mjs'

const hashQuery = (params) => createHash('sha256').update(serializeParams(params)).digest('hex')

/**
 * @param items        sorted by (created_at, idKey)
 * @param params       parsed parameters, including limit and page_cursor
 * @param listUrl      absolute URL of the list route, for next_page_url
 */
export function paginate(items, params, { idKey, listUrl }) {
  const { page_cursor, ...query } = params
  const queryHash = hashQuery(query)
  let start = 0
  if (page_cursor != null) {
    const [cursorHash, position] = decodeCursor(page_cursor)
    if (cursorHash !== queryHash) {
      throw badRequest(
        'mismatched_page_parameters',
        'When using next_page_cursor, the request must send parameters identical to the initial request.',
      )
    }
    start = items.findIndex(
      (item) =>
        item.created_at > position.created_at ||
        (item.created_at === position.created_at && item[idKey] >= position[idKey]),
    )
    if (start === -1) start = items.length
  }
  const end = Math.min(start + query.limit, items.length)
  const next = items[end]
  const next_page_cursor =
    next == null
      ? null
      : Buffer.from(JSON.stringify([queryHash, { created_at: next.created_at, [idKey]: next[idKey] }])).toString(
          'base64',
        )
  const next_page_url =
    next_page_cursor == null ? null : `${listUrl}?${serializeParams({ ...query, page_cursor: next_page_cursor })}`
  return {
    page: items.slice(start, end),
    pagination: { has_next_page: next != null, next_page_cursor, next_page_url },
  }
}

function decodeCursor(cursor) {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'))
    if (Array.isArray(decoded) && typeof decoded[0] === 'string' && typeof decoded[1]?.created_at === 'string') {
      return decoded
    }
  } catch {
    // fall through
  }
  throw invalidField('page_cursor', 'Invalid page cursor')
}

/**
 * The common filters of the contract's lists: `created_before`, and `search`, a case-insensitive
 * partial match on any of `searchFields` (the fields the route's description names).
 */
export function matchesListParams({ created_before, search }, record, searchFields) {
  if (created_before != null && Date.parse(record.created_at) >= Date.parse(created_before)) return false
  if (search == null) return true
  const needle = search.toLowerCase()
  return searchFields.some((field) => typeof field === 'string' && field.toLowerCase().includes(needle))
}

/**
 * An answer in Seam's paged list shape, `{ [key]: page, pagination }`, for items sorted by
 * (created_at, idKey); `listUrl` is the route's absolute URL (for next_page_url).
 */
export function pagedAnswer(key, items, params, { idKey, listUrl, toPublic = (item) => item }) {
  const { page, pagination } = paginate(items, params, { idKey, listUrl })
  return { [key]: page.map(toPublic), pagination }
}
