// Every ACS user of the workspace, page by page, for a package that has no `seam.acs.users`
// yet (it comes with issue 13's namespace; `loadDirectory` prefers it, and this file goes
// then). One POST per page of /acs/users/list; the key is sent only in the Authorization header.

const PAGE_LIMIT = 500
const MAX_PAGES = 1000 // bounded: a server repeating a cursor cannot keep us here

export async function* listUsersOverHttp({ endpoint, apiKey, fetch = globalThis.fetch }) {
  let cursor = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetch(new URL('/acs/users/list', endpoint), {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: PAGE_LIMIT, ...(cursor ? { page_cursor: cursor } : {}) }),
    })
    const body = await answer.json().catch(() => null)
    if (!answer.ok || !Array.isArray(body?.acs_users)) {
      const reason = body?.error?.message ?? `HTTP ${answer.status}`
      throw new Error(`listing ACS users failed: ${reason}`)
    }
    yield* body.acs_users
    cursor = body.pagination?.next_page_cursor ?? null
    if (!cursor) return
  }
  throw new Error(`listing ACS users did not end after ${MAX_PAGES} pages`)
}
