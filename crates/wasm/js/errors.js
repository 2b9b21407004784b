// The package's error classes. They live in JS because only a JS class can extend Error;
// the wasm side builds them through the factory installed by `setUp` (shared.js).

/** Every error this package throws. Never holds a token. */
export class SeamError extends Error {
  constructor(message, details) {
    super(message);
    if (details) Object.assign(this, details);
  }

  /** JSON.stringify(err) gives the name, the message and the documented properties. */
  toJSON() {
    return { name: this.name, message: this.message, ...this };
  }
}

/** The request is invalid; nothing was sent. `.issues`: `{ path, code, message }[]`. */
export class SeamValidationError extends SeamError {}
/** This auth mode may not call the endpoint; nothing was sent. `.endpoint`, `.authMode`. */
export class SeamNotAllowedError extends SeamError {}
/** A token of the wrong kind for the constructor, or malformed. */
export class SeamInvalidTokenError extends SeamError {}
/** An endpoint URL that is malformed or would send a token over plain http. */
export class SeamInvalidEndpointError extends SeamError {}
/** The server answered with an error. `.code`, `.statusCode`, `.requestId`, `.data`. */
export class SeamApiError extends SeamError {}
/** HTTP 401. */
export class SeamUnauthorizedError extends SeamApiError {}
/** `invalid_input`. `.validationErrors` as Seam sent them, `.fieldErrors` one per field. */
export class SeamInvalidInputError extends SeamApiError {}
/** The answer could not be read. `.statusCode`, `.path` of the failing field. */
export class SeamParseError extends SeamError {}
/** The request did not complete (connection refused or reset, DNS, CORS). */
export class SeamNetworkError extends SeamError {}
/** No answer within the timeout. `.timeoutMs`. */
export class SeamTimeoutError extends SeamError {}
/** The caller's AbortSignal aborted the call. */
export class SeamAbortError extends SeamError {}
/** The action attempt the call waited for failed. `.code` (its error type), `.actionAttempt`. */
export class SeamActionAttemptFailedError extends SeamError {}
/** The action attempt was still pending when the wait ran out. `.timeoutMs`, `.actionAttempt`. */
export class SeamActionAttemptTimeoutError extends SeamError {}

// Names survive minification: each class's `name` is set explicitly.
for (const [name, Class] of Object.entries({
  SeamError,
  SeamValidationError,
  SeamNotAllowedError,
  SeamInvalidTokenError,
  SeamInvalidEndpointError,
  SeamApiError,
  SeamUnauthorizedError,
  SeamInvalidInputError,
  SeamParseError,
  SeamNetworkError,
  SeamTimeoutError,
  SeamAbortError,
  SeamActionAttemptFailedError,
  SeamActionAttemptTimeoutError,
})) {
  Object.defineProperty(Class.prototype, "name", { value: name, writable: true, configurable: true });
}
