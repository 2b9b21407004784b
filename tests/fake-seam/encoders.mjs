// Card encoders: their records, and what each will do next. Like Seam's sandbox, an encoder
// succeeds unless a simulate/* route said its next encode or scan fails; it remembers the
// last card it encoded, which is what a scan then reads.

import { RecordStore } from './credential-store.mjs'

export class EncoderStore extends RecordStore {
  #next = { encode: new Map(), scan: new Map() }
  #lastEncoded = new Map()

  constructor() {
    super('acs_encoder')
  }

  /** Sets what the next `kind` ('encode' | 'scan') on the encoder does: { fail?, ... }. */
  setNext(kind, encoderId, outcome) {
    this.#next[kind].set(encoderId, outcome)
  }

  /**
   * What the next `kind` on the encoder does, or undefined (succeed as usual). It is used up
   * unless `applies(outcome)` says it is meant for another call.
   */
  takeNext(kind, encoderId, applies = () => true) {
    const outcome = this.#next[kind].get(encoderId)
    if (outcome == null || !applies(outcome)) return undefined
    this.#next[kind].delete(encoderId)
    return outcome
  }

  rememberEncoded(encoderId, credentialId) {
    this.#lastEncoded.set(encoderId, credentialId)
  }

  lastEncoded(encoderId) {
    return this.#lastEncoded.get(encoderId)
  }
}
