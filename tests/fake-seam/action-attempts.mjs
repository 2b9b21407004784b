// Action attempts of our routes (encoding and scanning cards). They live in fake-seam-connect's
// database, so its own /action_attempts/get and /action_attempts/list serve them. Each one is
// `pending` when created and settles `delayMs` later (the time an encoder takes), as `success`
// with a result or as `error` with `{ type, message }`, in the contract's action_attempt shape.

export class ActionAttempts {
  #db
  #delayMs
  #timers = new Set()

  constructor(db, { delayMs }) {
    this.#db = db
    this.#delayMs = delayMs
  }

  /**
   * Adds a pending attempt and returns it. After the delay, `settle()` says how it ended:
   * `{ result }` or `{ error: { type, message } }`. It runs then, not now, so it sees what
   * happened meanwhile (e.g. the credential was deleted).
   */
  start(actionType, settle) {
    const attempt = this.#db.addActionAttempt({ action_type: actionType })
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#db.updateActionAttempt({ action_attempt_id: attempt.action_attempt_id, ...settledFields(settle) })
    }, this.#delayMs)
    this.#timers.add(timer)
    return attempt
  }

  /** Stops the attempts still pending (the server is closing). */
  close() {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }
}

function settledFields(settle) {
  let outcome
  try {
    outcome = settle()
  } catch (error) {
    // A bug of ours must not take the server down from a timer: the attempt fails instead.
    outcome = { error: { type: 'uncategorized_error', message: error.message } }
  }
  return outcome.error == null
    ? { status: 'success', result: outcome.result, error: null }
    : { status: 'error', result: null, error: outcome.error }
}
