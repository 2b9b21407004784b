// Every ACS user of the workspace, page by page, for a package that has no `seam.acs.users`
// yet (it comes with issue 13's namespace; `loadDirectory` prefers it, and this file goes
// then). One POST per page of /acs/users/list; the key is sent only in the Authorization header.

const PAGE_LIMIT = 500
const MAX_PAGES = 1000 // bounded: a server repeating a cursor cannot keep us here

export async function* listUsersOverHttp({ endpoint, apiKey, fetch = globalThis.fetch }) {
  let cursor = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await listPage(
      { endpoint, apiKey, fetch },
      { limit: PAGE_LIMIT, ...(cursor ? { page_cursor: cursor } : {}) },
    )
    yield* body.acs_users
    cursor = body.pagination?.next_page_cursor ?? null
    if (!cursor) return
  }
  throw new Error(`listing ACS users did not end after ${MAX_PAGES} pages`)
}

const ATTEMPTS = 4
const RETRYABLE = new Set([429, 502, 503, 504])

/** One page; a list is safe to send again, so a reset, 429 or 503 is retried a few times. */
async function listPage({ endpoint, apiKey, fetch }, params) {
  let reason = ''
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const answer = await fetch(new URL('/acs/users/list', endpoint), {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(params),
      })
      const body = await answer.json().catch(() => null)
      if (answer.ok && Array.isArray(body?.acs_users)) return body
      reason = body?.error?.message ?? `HTTP ${answer.status}`
      if (!RETRYABLE.has(answer.status)) break
      const retryAfter = Number(answer.headers.get('retry-after'))
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 250 * attempt)
    } catch (error) {
      reason = error.message // the connection failed: nothing to parse
      await sleep(250 * attempt)
    }
  }
  throw new Error(`listing ACS users failed: ${reason}`)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
