/// <reference lib="esnext.disposable" />
// Types of seam-acs-wasm. The models, parameters, results, namespaces and EndpointPath are
// generated from the pinned contract into api.d.ts (`cargo run -p xtask -- generate`); this file
// is the hand-written rest: the client, its options, the standalone functions and the errors.

import type {
  AcsApi,
  ActionAttempt,
  ActionAttemptsApi,
  AcsCredential,
  AcsCredentialAssaAbloyVostioMetadata,
  AcsCredentialError,
  AcsCredentialVisionlineMetadata,
  AcsCredentialWarning,
  AcsCredentialsAssignParams,
  AcsCredentialsCreateParams,
  AcsCredentialsGetParams,
  AcsCredentialsListParams,
  AcsCredentialsUnassignParams,
  AcsCredentialsUpdateParams,
  AcsEntranceAssaAbloyVostioMetadata,
  AcsEntranceAvigilonAltaMetadata,
  AcsEntranceBrivoMetadata,
  AcsEntranceDormakabaAmbianceMetadata,
  AcsEntranceDormakabaCommunityMetadata,
  AcsEntranceHotekMetadata,
  AcsEntranceLatchMetadata,
  AcsEntranceSaltoKsMetadata,
  AcsEntranceSaltoSpaceMetadata,
  AcsEntranceVisionlineMetadata,
  AcsEntranceVisionlineMetadataProfile,
  AcsEntranceWarning,
  AcsEntrancesGetParams,
  AcsEntrancesListCredentialsWithAccessParams,
  AcsEntrancesListParams,
  EndpointPath,
  UserIdentitiesApi,
} from "./api.js";
export * from "./api.js";

// ---------------------------------------------------------------- names kept from before generation
// The generator names types after the contract; these are the names the package had before.

export type AccessMethod = NonNullable<AcsCredential["access_method"]>;
export type ExternalType = NonNullable<AcsCredential["external_type"]>;
export type CredentialWarningCode = AcsCredentialWarning["warning_code"];
export type EntranceWarningCode = AcsEntranceWarning["warning_code"];
export type ResourceError = AcsCredentialError;
export type CredentialWarning = AcsCredentialWarning;
export type EntranceWarning = AcsEntranceWarning;
export type VisionlineCredentialMetadata = AcsCredentialVisionlineMetadata;
export type VostioCredentialMetadata = AcsCredentialAssaAbloyVostioMetadata;
export type VostioEntranceMetadata = AcsEntranceAssaAbloyVostioMetadata;
export type AvigilonAltaEntranceMetadata = AcsEntranceAvigilonAltaMetadata;
export type BrivoEntranceMetadata = AcsEntranceBrivoMetadata;
export type DormakabaAmbianceEntranceMetadata = AcsEntranceDormakabaAmbianceMetadata;
export type DormakabaCommunityEntranceMetadata = AcsEntranceDormakabaCommunityMetadata;
export type HotekEntranceMetadata = AcsEntranceHotekMetadata;
export type LatchEntranceMetadata = AcsEntranceLatchMetadata;
export type SaltoKsEntranceMetadata = AcsEntranceSaltoKsMetadata;
export type SaltoSpaceEntranceMetadata = AcsEntranceSaltoSpaceMetadata;
export type VisionlineEntranceMetadata = AcsEntranceVisionlineMetadata;
export type VisionlineDoorProfile = AcsEntranceVisionlineMetadataProfile;
export type CreateCredentialParams = AcsCredentialsCreateParams;
export type CredentialIdParams = AcsCredentialsGetParams;
export type ListCredentialsParams = AcsCredentialsListParams;
export type AssignCredentialParams = AcsCredentialsAssignParams;
export type UpdateCredentialParams = AcsCredentialsUpdateParams;
export type EntranceIdParams = AcsEntrancesGetParams;
export type ListEntrancesParams = AcsEntrancesListParams;
export type ListCredentialsWithAccessParams = AcsEntrancesListCredentialsWithAccessParams;

// ---------------------------------------------------------------- webhook events

/** Also accepts event types Seam adds later, as the generated string unions do. */
export type AcsCredentialEventType =
  | "acs_credential.deleted"
  | "acs_credential.issued"
  | "acs_credential.reissued"
  | "acs_credential.invalidated"
  | (string & {});

/** An `acs_credential.*` webhook event. */
export interface AcsCredentialEvent {
  event_id: string;
  event_type: AcsCredentialEventType;
  acs_credential_id: string;
  workspace_id: string;
  acs_system_id?: string;
  connected_account_id?: string;
  created_at?: string;
  occurred_at?: string;
  [unknown: string]: unknown;
}

// ---------------------------------------------------------------- parameters

/** A date-time parameter: an ISO 8601 string with a time zone, or a Date (sent as its ISO string). */
export type DateTimeInput = string | Date;

// ---------------------------------------------------------------- client

export interface ClientOptions extends AnswerOptions {
  /** Default https://connect.getseam.com. Plain http:// only to localhost. */
  endpoint?: string;
  /** Per call, covering retries. Default 30000. */
  timeoutMs?: number;
  /** Retries of reads on 429/502/503/504/network errors; mutations only on 429. Default 2. */
  maxRetries?: number;
  /** The default of every call's `waitForActionAttempt`. Default `true` (10 s, polling every 1 s). */
  waitForActionAttempt?: WaitForActionAttempt;
}

/**
 * Whether a call of an endpoint that answers with an action attempt (`acs.encoders.encodeCredential`,
 * `scanCredential`, `scanToAssignCredential`, `acs.entrances.unlock`) resolves only once the attempt
 * succeeded (with the attempt; `SeamActionAttemptFailedError` if it failed), polling
 * `/action_attempts/get`. `true`: `{ timeoutMs: 10000, pollingIntervalMs: 1000 }`, as `@seamapi/http`.
 * `false`: resolves with the pending attempt. The wait's `timeoutMs` counts from the first answer;
 * the call's own `timeoutMs` is added to it for the call's overall deadline.
 */
export type WaitForActionAttempt = boolean | { timeoutMs?: number; pollingIntervalMs?: number };

/**
 * How answers are read. `"lenient"` (the default): a property of the wrong type that the
 * package does not itself need is accepted and reported to `onAnswerIssue`, so one odd
 * record never fails a page. `"strict"`: it is a `SeamParseError` naming the path (for
 * tests and CI). Either way `null` on a property the contract does not require means
 * absent, and the essentials refuse an answer: the result key, each resource's id (and a
 * client session's token), and `pagination`.
 */
export interface AnswerOptions {
  answers?: "lenient" | "strict";
  /** Called once per issue a lenient reading accepted. Nothing is printed without it. */
  onAnswerIssue?: (issue: AnswerIssue) => void;
}

/** A property of an answer that was not what the contract says. Kinds only, never a value. */
export interface AnswerIssue {
  /** The endpoint path, or `null` for `parseAcsCredential`/`parseEvent`. */
  endpoint: EndpointPath | null;
  /** From the top of the answer: `acs_credentials[57].is_managed`. */
  path: string;
  /** `"a boolean"`, `"a string or null"`, … */
  expected: string;
  /** `"a string"`, `"null"`, or `"nothing"` for a missing property. */
  got: string;
  requestId: string | null;
}

/**
 * What `iterate()` returns: every item of every page, in order, for `for await`. Concurrent
 * `next()` calls are answered in order; `return()` (what `break` calls) stops the listing.
 */
export interface ItemIterator<T> extends AsyncIterableIterator<T> {
  next(): Promise<IteratorResult<T, undefined>>;
  return<R>(value?: R): Promise<IteratorResult<T, R>>;
  [Symbol.asyncIterator](): ItemIterator<T>;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  [Symbol.dispose](): void;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** This call's own `waitForActionAttempt` (else the client's). */
  waitForActionAttempt?: WaitForActionAttempt;
}

export interface Page<T> {
  items: T[];
  pagination: { hasNextPage: boolean; nextPageCursor: string | null };
}

export type AuthMode = "api_key" | "client_session" | "pat_with_workspace" | "console_session_with_workspace";

export declare class SeamClient {
  private constructor();
  static fromApiKey(apiKey: string, options?: ClientOptions): SeamClient;
  static fromClientSessionToken(clientSessionToken: string, options?: ClientOptions): SeamClient;
  static fromPersonalAccessToken(personalAccessToken: string, workspaceId: string, options?: ClientOptions): SeamClient;
  static fromConsoleSessionToken(consoleSessionToken: string, workspaceId: string, options?: ClientOptions): SeamClient;
  /** Gets or creates the client session of `userIdentifierKey`, then uses its token. */
  static fromPublishableKey(
    publishableKey: string,
    userIdentifierKey: string,
    options?: ClientOptions & CallOptions,
  ): Promise<SeamClient>;
  readonly authMode: AuthMode;
  readonly endpoint: string;
  /** Whether this client's auth mode may call the endpoint (the contract's `security` line). */
  allows(path: EndpointPath): boolean;
  readonly acs: AcsApi;
  readonly actionAttempts: ActionAttemptsApi;
  readonly userIdentities: UserIdentitiesApi;
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  /** `free()`, for `using seam = SeamClient.from…(…)`. */
  [Symbol.dispose](): void;
}

export type IssueCode =
  | "required"
  | "type"
  | "format"
  | "pattern"
  | "enum"
  | "min_length"
  | "max_length"
  | "minimum"
  | "unknown_field"
  | "conflict"
  | "missing_one_of"
  | "requires"
  | "combination"
  | "order"
  | "past";

export interface ValidationIssue {
  /** The parameter: `code`, `visionline_metadata.card_format`, `allowed_acs_entrance_ids[2]`. */
  path: string;
  code: IssueCode;
  message: string;
}

/** Every problem with `params` for the endpoint (`[]` when valid); needs no client. */
export declare function validateRequest(
  path: EndpointPath,
  params: unknown,
  options?: { now?: Date | number | string },
): ValidationIssue[];
/** A credential from JSON text or an object; throws SeamParseError naming the field. */
export declare function parseAcsCredential(json: string | object, options?: AnswerOptions): AcsCredential;
/** An `acs_credential.*` webhook event from JSON text or an object. */
export declare function parseEvent(json: string | object, options?: AnswerOptions): AcsCredentialEvent;

// ---------------------------------------------------------------- errors

export declare class SeamError extends Error {
  toJSON(): Record<string, unknown>;
}
export declare class SeamValidationError extends SeamError {
  readonly issues: ValidationIssue[];
}
export declare class SeamNotAllowedError extends SeamError {
  readonly endpoint: EndpointPath;
  readonly authMode: AuthMode | "publishable_key";
  /** The modes the endpoint accepts (the contract's `security` line). */
  readonly acceptedAuthModes: Array<AuthMode | "publishable_key">;
}
export declare class SeamInvalidTokenError extends SeamError {}
export declare class SeamInvalidEndpointError extends SeamError {}
export declare class SeamApiError extends SeamError {
  /** Seam's error type, e.g. `acs_credential_not_found`. */
  readonly code: string;
  readonly statusCode: number;
  readonly requestId: string | null;
  readonly data: unknown;
}
export declare class SeamUnauthorizedError extends SeamApiError {}
export declare class SeamInvalidInputError extends SeamApiError {
  readonly validationErrors: unknown;
  readonly fieldErrors: Array<{ path: string; messages: string[] }>;
}
export declare class SeamParseError extends SeamError {
  /** `null` when the JSON did not come from a call (parseAcsCredential, parseEvent). */
  readonly statusCode: number | null;
  readonly path: string;
}
export declare class SeamNetworkError extends SeamError {}
export declare class SeamTimeoutError extends SeamError {
  readonly timeoutMs: number;
}
export declare class SeamAbortError extends SeamError {}
/** The action attempt the call waited for ended in `error`. */
export declare class SeamActionAttemptFailedError extends SeamError {
  /** The attempt's `error.type` (`no_credential_on_encoder`, …). */
  readonly code: string;
  /** The attempt as the last answer had it. */
  readonly actionAttempt: ActionAttempt;
}
/** The action attempt was still pending when the wait's `timeoutMs` ran out. */
export declare class SeamActionAttemptTimeoutError extends SeamError {
  readonly timeoutMs: number;
  /** The still pending attempt, as the last answer had it. */
  readonly actionAttempt: ActionAttempt;
}

// ---------------------------------------------------------------- bulk runs

/** What became of one item of a bulk run. */
export type BulkItemStatus = "created" | "deleted" | "assigned" | "unassigned" | "failed" | "unknown" | "not_started";

/** A typed error as a report keeps it: plain data, never a token. */
export interface BulkItemError {
  /** The error class's name, e.g. `SeamInvalidInputError`. */
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  requestId?: string | null;
  /** For an invalid item (`skipInvalid`): its problems, paths relative to the item. */
  issues?: ValidationIssue[];
}

export interface BulkReportItem {
  index: number;
  status: BulkItemStatus;
  /** The credential a create made (`created`), or as an assign or unassign left it when the server sent it. */
  credential?: AcsCredential;
  /** Why it failed, or the last error of an item whose outcome is unknown. */
  error?: BulkItemError;
  /** When an item whose outcome is unknown was last sent (ms since the epoch): a resumed
   * run looks for a credential made after it. */
  sentAt?: number;
}

/** The result of a bulk run: `JSON.stringify` writes it, and `resume` takes it back. */
export interface BulkReport {
  action: "create" | "delete" | "assign" | "unassign";
  total: number;
  counts: {
    created?: number;
    deleted?: number;
    assigned?: number;
    unassigned?: number;
    failed: number;
    unknown: number;
    not_started: number;
  };
  /** 429s received during the run (each was sent again after the server's Retry-After). */
  rateLimited: number;
  items: BulkReportItem[];
}

/** What `onProgress` receives, at most every 100 ms and once at the end. */
export interface BulkProgress {
  done: number;
  failed: number;
  pending: number;
  inFlight: number;
  total: number;
  ratePerSecond: number;
  /** Time left at the recent rate; `null` before any item settled. */
  etaMs: number | null;
}

export interface BulkOptions {
  /** The most requests in flight (1-256, default 16); fewer while the server pushes back. */
  concurrency?: number;
  /** Stops new sends; what is in flight settles, and the run resolves with its partial report. */
  signal?: AbortSignal;
  onProgress?: (progress: BulkProgress) => void;
  /** The report of an earlier run of the same action over the same items: done items are
   * skipped, unknown ones reconciled, the rest sent. */
  resume?: BulkReport;
  /** Send the valid items and report the invalid ones as failed, instead of refusing the run. */
  skipInvalid?: boolean;
}

declare module "./api.js" {
  interface AcsCredentialsApi {
    /** Creates every item, at the server's pace, never twice; see the README's "Bulk runs". */
    createMany(items: AcsCredentialsCreateParams[], options?: BulkOptions): Promise<BulkReport>;
    /** Deletes every credential (ids, or `{ acs_credential_id }`); a 404 counts as deleted. */
    deleteMany(ids: Array<string | { acs_credential_id: string }>, options?: BulkOptions): Promise<BulkReport>;
    /** Assigns each credential to its user; sending one again is harmless, so an unknown outcome is re-sent. */
    assignMany(items: AcsCredentialsAssignParams[], options?: BulkOptions): Promise<BulkReport>;
    /** Unassigns each credential from its user; a 404 is a failure (a wrong id must not read as done). */
    unassignMany(items: AcsCredentialsUnassignParams[], options?: BulkOptions): Promise<BulkReport>;
  }
}
