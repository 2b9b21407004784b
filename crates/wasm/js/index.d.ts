/// <reference lib="esnext.disposable" />
// Types of seam-acs-wasm. Names and shapes are Seam's own JSON (snake_case); every
// object may carry properties this version does not list, and every string union also
// accepts strings Seam adds later (`(string & {})` keeps editor completion).

type Open<T extends string> = T | (string & {});

// ---------------------------------------------------------------- models

export type AccessMethod = Open<"code" | "card" | "mobile_key" | "cloud_key">;
export type ExternalType = Open<
  | "pti_card"
  | "brivo_credential"
  | "hid_credential"
  | "visionline_card"
  | "salto_ks_credential"
  | "assa_abloy_vostio_key"
  | "salto_space_key"
  | "latch_access"
  | "dormakaba_ambiance_credential"
  | "hotek_card"
  | "salto_ks_tag"
  | "avigilon_alta_credential"
  | "kisi_credential"
>;
export type CredentialWarningCode = Open<
  | "waiting_to_be_issued"
  | "schedule_externally_modified"
  | "schedule_modified"
  | "being_deleted"
  | "unknown_issue_with_acs_credential"
  | "needs_to_be_reissued"
>;
export type EntranceWarningCode = Open<
  | "salto_ks_entrance_access_code_support_removed"
  | "entrance_shares_zone"
  | "entrance_setup_required"
  | "salto_ks_privacy_mode"
  | "privacy_mode"
>;

export interface ResourceError {
  error_code: string;
  message: string;
  created_at?: string;
  [unknown: string]: unknown;
}

export interface CredentialWarning {
  warning_code: CredentialWarningCode;
  message: string;
  created_at?: string;
  [unknown: string]: unknown;
}

export interface EntranceWarning {
  warning_code: EntranceWarningCode;
  message: string;
  created_at?: string;
  [unknown: string]: unknown;
}

/**
 * A credential, exactly as Seam's JSON has it. Only `acs_credential_id` is guaranteed: the
 * check tolerates the absence of the others (Seam's own samples omit some, and one odd record
 * must not fail a page). A property the contract does not require may be `null`, which means
 * absent: Seam's servers send `null` for "no value". In lenient mode (the default) a property
 * named by a reported `AnswerIssue` holds whatever the server sent.
 */
export interface AcsCredential {
  acs_credential_id: string;
  access_method?: AccessMethod;
  acs_system_id?: string;
  connected_account_id?: string;
  workspace_id?: string;
  display_name?: string;
  created_at?: string;
  is_managed?: boolean;
  errors?: ResourceError[];
  warnings?: CredentialWarning[];
  acs_credential_pool_id?: string | null;
  acs_user_id?: string | null;
  user_identity_id?: string | null;
  parent_acs_credential_id?: string | null;
  code?: string | null;
  card_number?: string | null;
  /** A plain string in the contract; usually ISO 8601. */
  starts_at?: string | null;
  /** A plain string in the contract; usually ISO 8601. */
  ends_at?: string | null;
  external_type?: ExternalType | null;
  external_type_display_name?: string | null;
  is_issued?: boolean | null;
  issued_at?: string | null;
  is_multi_phone_sync_credential?: boolean | null;
  is_one_time_use?: boolean | null;
  is_latest_desired_state_synced_with_provider?: boolean | null;
  latest_desired_state_synced_with_provider_at?: string | null;
  visionline_metadata?: VisionlineCredentialMetadata | null;
  assa_abloy_vostio_metadata?: VostioCredentialMetadata | null;
  [unknown: string]: unknown;
}

export interface VisionlineCredentialMetadata {
  auto_join?: boolean | null;
  card_function_type?: Open<"guest" | "staff"> | null;
  card_id?: string | null;
  common_acs_entrance_ids?: string[] | null;
  credential_id?: string | null;
  guest_acs_entrance_ids?: string[] | null;
  is_valid?: boolean | null;
  joiner_acs_credential_ids?: string[] | null;
  [unknown: string]: unknown;
}

export interface VostioCredentialMetadata {
  auto_join?: boolean | null;
  door_names?: string[] | null;
  endpoint_id?: string | null;
  key_id?: string | null;
  key_issuing_request_id?: string | null;
  override_guest_acs_entrance_ids?: string[] | null;
  [unknown: string]: unknown;
}

interface Metadata {
  [unknown: string]: unknown;
}

/** An entrance. Only `acs_entrance_id` is guaranteed, and `null` means absent, as for credentials. */
export interface AcsEntrance {
  acs_entrance_id: string;
  acs_system_id?: string;
  connected_account_id?: string;
  display_name?: string;
  created_at?: string;
  space_ids?: string[];
  errors?: ResourceError[];
  warnings?: EntranceWarning[];
  is_locked?: boolean | null;
  can_belong_to_reservation?: boolean | null;
  can_unlock_with_card?: boolean | null;
  can_unlock_with_cloud_key?: boolean | null;
  can_unlock_with_code?: boolean | null;
  can_unlock_with_mobile_key?: boolean | null;
  assa_abloy_vostio_metadata?: VostioEntranceMetadata | null;
  avigilon_alta_metadata?: AvigilonAltaEntranceMetadata | null;
  brivo_metadata?: BrivoEntranceMetadata | null;
  dormakaba_ambiance_metadata?: DormakabaAmbianceEntranceMetadata | null;
  dormakaba_community_metadata?: DormakabaCommunityEntranceMetadata | null;
  hotek_metadata?: HotekEntranceMetadata | null;
  latch_metadata?: LatchEntranceMetadata | null;
  salto_ks_metadata?: SaltoKsEntranceMetadata | null;
  salto_space_metadata?: SaltoSpaceEntranceMetadata | null;
  visionline_metadata?: VisionlineEntranceMetadata | null;
  [unknown: string]: unknown;
}

export interface VostioEntranceMetadata extends Metadata {
  door_name?: string | null;
  door_number?: number | null;
  door_type?: Open<"CommonDoor" | "EntranceDoor" | "GuestDoor" | "Elevator"> | null;
  pms_id?: string | null;
  stand_open?: boolean | null;
}

export interface AvigilonAltaEntranceMetadata extends Metadata {
  entry_name?: string | null;
  entry_relays_total_count?: number | null;
  org_name?: string | null;
  site_id?: number | null;
  site_name?: string | null;
  zone_id?: number | null;
  zone_name?: string | null;
}

export interface BrivoEntranceMetadata extends Metadata {
  access_point_id?: string | null;
  site_id?: number | null;
  site_name?: string | null;
}

export interface DormakabaAmbianceEntranceMetadata extends Metadata {
  access_point_name?: string | null;
}

export interface DormakabaCommunityEntranceMetadata extends Metadata {
  access_point_profile?: string | null;
}

export interface HotekEntranceMetadata extends Metadata {
  common_area_name?: string | null;
  common_area_number?: string | null;
  room_number?: string | null;
}

export interface LatchEntranceMetadata extends Metadata {
  accessibility_type?: string | null;
  door_name?: string | null;
  door_type?: string | null;
  is_connected?: boolean | null;
}

export interface SaltoKsEntranceMetadata extends Metadata {
  battery_level?: string | null;
  door_name?: string | null;
  intrusion_alarm?: boolean | null;
  left_open_alarm?: boolean | null;
  lock_type?: string | null;
  locked_state?: string | null;
  online?: boolean | null;
  privacy_mode?: boolean | null;
}

export interface SaltoSpaceEntranceMetadata extends Metadata {
  audit_on_keys?: boolean | null;
  door_description?: string | null;
  door_id?: string | null;
  door_name?: string | null;
  room_description?: string | null;
  room_name?: string | null;
}

export interface VisionlineEntranceMetadata extends Metadata {
  door_category?: Open<"entrance" | "guest" | "elevator reader" | "common" | "common (PMS)"> | null;
  door_name?: string | null;
  profiles?: VisionlineDoorProfile[] | null;
}

export interface VisionlineDoorProfile extends Metadata {
  visionline_door_profile_id?: string | null;
  visionline_door_profile_type?: Open<"BLE" | "commonDoor" | "touch"> | null;
}

export type AcsCredentialEventType = Open<
  "acs_credential.deleted" | "acs_credential.issued" | "acs_credential.reissued" | "acs_credential.invalidated"
>;

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

interface UserChoice {
  /** Give exactly one of `acs_user_id` and `user_identity_id`. */
  acs_user_id?: string;
  user_identity_id?: string;
}

export interface CreateCredentialParams extends UserChoice {
  access_method: "code" | "card" | "mobile_key" | "cloud_key";
  /** Required together with `user_identity_id`. */
  acs_system_id?: string;
  allowed_acs_entrance_ids?: string[];
  /** Digits only. */
  code?: string;
  credential_manager_acs_system_id?: string;
  starts_at?: DateTimeInput;
  /** In the future and after `starts_at`. */
  ends_at?: DateTimeInput;
  is_multi_phone_sync_credential?: boolean;
  assa_abloy_vostio_metadata?: {
    auto_join?: boolean;
    join_all_guest_acs_entrances?: boolean;
    override_all_guest_acs_entrances?: boolean;
    override_guest_acs_entrance_ids?: string[];
  };
  hotek_metadata?: { auto_join?: boolean; override?: boolean };
  salto_space_metadata?: { assign_new_key?: boolean; update_current_key?: boolean };
  visionline_metadata?: {
    /** @deprecated Read-only endpoint references moved to `endpoint`. */
    assa_abloy_credential_service_mobile_endpoint_id?: string;
    auto_join?: boolean;
    card_format?: "TLCode" | "rfid48";
    card_function_type?: "guest" | "staff";
    /** @deprecated Use `override`. */
    is_override_key?: boolean;
    joiner_acs_credential_ids?: string[];
    override?: boolean;
  };
}

export interface CredentialIdParams {
  acs_credential_id: string;
}

export interface ListCredentialsParams {
  /** Filter by a user, a system, both, or a user identity alone. */
  acs_user_id?: string;
  acs_system_id?: string;
  user_identity_id?: string;
  created_before?: DateTimeInput;
  is_multi_phone_sync_credential?: boolean;
  limit?: number;
  page_cursor?: string | null;
  search?: string;
}

export interface AssignCredentialParams extends UserChoice {
  acs_credential_id: string;
}

export interface UpdateCredentialParams {
  acs_credential_id: string;
  /** Digits only. Give `code`, `ends_at` or both. */
  code?: string;
  /** In the future. */
  ends_at?: DateTimeInput;
}

export interface EntranceIdParams {
  acs_entrance_id: string;
}

export interface ListEntrancesParams {
  acs_credential_id?: string;
  acs_entrance_ids?: string[];
  acs_system_id?: string;
  connected_account_id?: string;
  customer_key?: string;
  limit?: number;
  /** @deprecated Use `space_id`. */
  location_id?: string | null;
  page_cursor?: string | null;
  search?: string;
  space_id?: string;
}

export interface ListCredentialsWithAccessParams {
  acs_entrance_id: string;
  include_if?: Array<"visionline_metadata.is_valid">;
}

// ---------------------------------------------------------------- client

export interface ClientOptions extends AnswerOptions {
  /** Default https://connect.getseam.com. Plain http:// only to localhost. */
  endpoint?: string;
  /** Per call, covering retries. Default 30000. */
  timeoutMs?: number;
  /** Retries of reads on 429/502/503/504/network errors; mutations only on 429. Default 2. */
  maxRetries?: number;
}

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

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Page<T> {
  items: T[];
  pagination: { hasNextPage: boolean; nextPageCursor: string | null };
}

export type AuthMode = "api_key" | "client_session" | "pat_with_workspace" | "console_session_with_workspace";

export interface AcsCredentialsApi {
  create(params: CreateCredentialParams, options?: CallOptions): Promise<AcsCredential>;
  get(params: CredentialIdParams, options?: CallOptions): Promise<AcsCredential>;
  /** One page. */
  list(params?: ListCredentialsParams, options?: CallOptions): Promise<AcsCredential[]>;
  listPage(params?: ListCredentialsParams, options?: CallOptions): Promise<Page<AcsCredential>>;
  /** Every credential of every page; always ends. */
  iterate(params?: ListCredentialsParams, options?: CallOptions): AsyncIterableIterator<AcsCredential>;
  delete(params: CredentialIdParams, options?: CallOptions): Promise<void>;
  assign(params: AssignCredentialParams, options?: CallOptions): Promise<AcsCredential | undefined>;
  unassign(params: AssignCredentialParams, options?: CallOptions): Promise<AcsCredential | undefined>;
  update(params: UpdateCredentialParams, options?: CallOptions): Promise<AcsCredential | undefined>;
  listAccessibleEntrances(params: CredentialIdParams, options?: CallOptions): Promise<AcsEntrance[]>;
}

export interface AcsEntrancesApi {
  get(params: EntranceIdParams, options?: CallOptions): Promise<AcsEntrance>;
  list(params?: ListEntrancesParams, options?: CallOptions): Promise<AcsEntrance[]>;
  listPage(params?: ListEntrancesParams, options?: CallOptions): Promise<Page<AcsEntrance>>;
  iterate(params?: ListEntrancesParams, options?: CallOptions): AsyncIterableIterator<AcsEntrance>;
  listCredentialsWithAccess(params: ListCredentialsWithAccessParams, options?: CallOptions): Promise<AcsCredential[]>;
}

export declare class SeamClient {
  private constructor();
  static fromApiKey(apiKey: string, options?: ClientOptions): SeamClient;
  static fromClientSessionToken(clientSessionToken: string, options?: ClientOptions): SeamClient;
  static fromPersonalAccessToken(personalAccessToken: string, workspaceId: string, options?: ClientOptions): SeamClient;
  static fromConsoleSessionToken(consoleSessionToken: string, workspaceId: string, options?: ClientOptions): SeamClient;
  /** Gets or creates the client session of `userIdentifierKey`, then uses its token. */
  static fromPublishableKey(publishableKey: string, userIdentifierKey: string, options?: ClientOptions & CallOptions): Promise<SeamClient>;
  readonly authMode: AuthMode;
  readonly endpoint: string;
  /** Whether this client's auth mode may call the endpoint (the contract's `security` line). */
  allows(path: EndpointPath): boolean;
  readonly acs: { readonly credentials: AcsCredentialsApi; readonly entrances: AcsEntrancesApi };
  /** Releases the wasm memory now instead of at garbage collection. */
  free(): void;
  /** `free()`, for `using seam = SeamClient.from…(…)`. */
  [Symbol.dispose](): void;
}

export type EndpointPath =
  | "/acs/credentials/create"
  | "/acs/credentials/get"
  | "/acs/credentials/list"
  | "/acs/credentials/list_accessible_entrances"
  | "/acs/credentials/update"
  | "/acs/credentials/assign"
  | "/acs/credentials/unassign"
  | "/acs/credentials/delete"
  | "/acs/entrances/get"
  | "/acs/entrances/list"
  | "/acs/entrances/list_credentials_with_access"
  | "/client_sessions/get_or_create";

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
