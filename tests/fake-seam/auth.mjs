// Authentication for the routes we answer ourselves, mirroring the middlewares
// of fake-seam-connect (with-api-key, with-client-session, with-access-token):
// same lookups in its database, same error types and messages.
//
// One difference: nextlove tries every auth method a route allows and reports
// the error of the last one, which for a garbage token can be an internal JWT
// error. We pick the method from the token's prefix instead, so every unknown
// token is a clean 401.

import { createHash } from 'node:crypto'

import { badRequest, unauthorized } from './errors.mjs'

const headerValue = (value) => (Array.isArray(value) ? value[0] : value)

/**
 * @param headers  incoming request headers (lower-case keys)
 * @param db       fake-seam-connect database
 * @param allowed  Set of auth types the route's contract lists:
 *                 'api_key' | 'client_session' | 'pat_with_workspace'
 * @returns {{type: string, workspace_id: string, ...}}
 */
export function authenticate(headers, db, allowed) {
  const authorization = headerValue(headers.authorization)
  const bearer = authorization?.split('Bearer ')?.[1]
  const cstHeader = headerValue(headers['seam-client-session-token'] ?? headers['client-session-token'])

  if (cstHeader != null || bearer?.startsWith('seam_cst')) {
    if (!allowed.has('client_session')) {
      // What fake-seam-connect answers when its last auth middleware is api_key.
      throw unauthorized(
        'client_session_token_used_for_api_key',
        'A client session token was used instead of an API key',
      )
    }
    return clientSessionAuth(cstHeader ?? bearer, db)
  }
  if (authorization == null) throw unauthorized('unauthorized', 'No Authorization header')
  if (bearer == null) throw unauthorized('unauthorized', 'No token provided')
  if (bearer.startsWith('seam_at')) {
    if (!allowed.has('pat_with_workspace')) {
      throw unauthorized('access_token_used_for_api_key', 'An access token was used instead of an API key')
    }
    return accessTokenAuth(bearer, headerValue(headers['seam-workspace']), db)
  }
  return apiKeyAuth(bearer, db)
}

function apiKeyAuth(token, db) {
  const apiKey = db.api_keys.find((key) => key.token === token)
  if (apiKey == null) throw unauthorized('unauthorized', 'API Key not found')
  return { type: 'api_key', api_key_id: apiKey.api_key_id, workspace_id: apiKey.workspace_id }
}

function clientSessionAuth(token, db) {
  if (!token.startsWith('seam_cst1')) {
    throw badRequest('invalid_client_session_token', 'Invalid client session token')
  }
  const session = db.client_sessions.find((cs) => cs.token === token)
  if (session == null) {
    throw unauthorized('client_session_not_found', 'Unauthorized (client session not found)')
  }
  const now = new Date()
  if (session.revoked_at != null && new Date(session.revoked_at) < now) {
    throw unauthorized('client_session_revoked', 'Unauthorized (client session revoked)')
  }
  if (new Date(session.expires_at) < now) {
    throw unauthorized('client_session_expired', 'Unauthorized (client session expired)')
  }
  if (!db.workspaces.some((w) => w.workspace_id === session.workspace_id)) {
    throw unauthorized('workspace_not_found', 'Workspace was not found')
  }
  return {
    type: 'client_session',
    client_session_id: session.client_session_id,
    workspace_id: session.workspace_id,
    connected_account_ids: session.connected_account_ids,
    user_identity_ids: session.user_identity_ids,
  }
}

// Personal access tokens look like seam_at<n>_<long token>; the fake stores the
// sha256 of the long token only.
function accessTokenAuth(token, workspaceId = '', db) {
  if (workspaceId.length === 0) {
    throw badRequest(
      'missing_workspace_id',
      'When using access token authentication, you must provide the Seam-Workspace header',
    )
  }
  const longToken = token.split('_').slice(-1)[0] ?? ''
  const hash = createHash('sha256').update(longToken).digest('hex')
  const accessToken = db.access_tokens.find((t) => t.long_token_hash === hash)
  const workspace = db.workspaces.find((w) => w.workspace_id === workspaceId)
  if (accessToken == null || workspace == null) throw unauthorized('unauthorized', 'Access token not found')
  return {
    type: 'access_token',
    access_token_id: accessToken.access_token_id,
    user_id: accessToken.user_id,
    workspace_id: workspaceId,
  }
}
