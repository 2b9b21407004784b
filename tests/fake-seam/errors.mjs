// Seam's error format, as fake-seam-connect (nextlove) produces it:
//
//   { "error": { "type", "message", "validation_errors"?, "request_id" }, "ok": false }
//
// invalid_input errors carry zod's `error.format()` tree as validation_errors and
// a message built the same way nextlove builds it (see zodIssueToString below).
// fake-seam-connect also adds a `stack` outside production; we never send it.

export class SeamHttpError extends Error {
  constructor(status, type, message, extra = {}) {
    super(message)
    this.status = status
    this.type = type
    this.extra = extra
  }
}

export const badRequest = (type, message, extra) => new SeamHttpError(400, type, message, extra)
export const unauthorized = (type, message) => new SeamHttpError(401, type, message)
export const notFound = (type, message) => new SeamHttpError(404, type, message)

// Same wording as nextlove's with-validation middleware.
function zodIssueToString(issue) {
  const path = issue.path.join('.')
  if (path === '') return issue.message
  if (issue.message === 'Required') return `${path} is required`
  return `${issue.message} for "${path}"`
}

/** 400 invalid_input from a ZodError, exactly like fake-seam-connect. */
export function invalidInputFromZod(zodError) {
  const { issues } = zodError
  const message =
    issues.length === 1
      ? zodIssueToString(issues[0])
      : `${issues.length} Input Errors: ` + issues.map(zodIssueToString).join(', ')
  return badRequest('invalid_input', message, { validation_errors: zodError.format() })
}

/**
 * 400 invalid_input for a problem found after parsing (e.g. a user from another
 * ACS system), shaped like a one-field zod error so clients see one format.
 */
export function invalidField(field, message) {
  return badRequest('invalid_input', `${message} for "${field}"`, {
    validation_errors: { _errors: [], [field]: { _errors: [message] } },
  })
}

export function errorBody(error, requestId) {
  return {
    error: { type: error.type, message: error.message, ...error.extra, request_id: requestId },
    ok: false,
  }
}
