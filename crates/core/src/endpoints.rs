//! Every endpoint the client calls, declared once, as data.
//!
//! One generic path serves them all: [`crate::request::prepare`] validates and builds a
//! request from an [`Endpoint`], [`crate::response::parse`] reads its answer, and
//! [`crate::retry`] and [`crate::paging`] take their decisions from its flags. The
//! parameters and auth modes are those of the pinned contract (`@seamapi/types` 1.977.0);
//! `tests/contract` checks them against the OpenAPI document itself.

use crate::auth::AuthMode::{self, ApiKey, ClientSession, ConsoleSession, PersonalAccessToken, PublishableKey};
use crate::models::{AccessMethod, CardFunctionType};
use crate::validate::spec::{Field, Kind, Rule};

/// The kind of object an endpoint returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Credential,
    Entrance,
    ClientSession,
}

/// What a successful answer carries, and under which key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// One object, required (`get`, `create`).
    One { key: &'static str, resource: Resource },
    /// One object if the server sends it. The contract's `x-response-key` is null for
    /// `assign`, `unassign` and `update`, but its schema has the credential.
    Maybe { key: &'static str, resource: Resource },
    /// A list; `paginated` lists also carry a `pagination` object.
    Many {
        key: &'static str,
        resource: Resource,
        paginated: bool,
    },
    /// Nothing but `ok` (`delete`).
    Nothing,
}

/// One endpoint of the API.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// The path, which is also the endpoint's name (`/acs/credentials/create`).
    pub path: &'static str,
    pub returns: Returns,
    /// Whether sending it twice is harmless, so a failure may be retried. A mutation is
    /// only ever re-sent after a 429, which says the first one was not processed.
    pub retry_safe: bool,
    /// Sent as a GET with its parameters in the query string (which the contract allows
    /// for every read) rather than as a POST with a JSON body: only for reads whose
    /// parameters are all ids, which are safe in a URL (a `search` or a PIN is not: URLs
    /// end up in logs). A GET costs less than a POST in Node's `fetch`.
    pub query: bool,
    /// The auth modes the contract's `security` line allows.
    pub auth: &'static [AuthMode],
    pub params: &'static [Field],
    pub rules: &'static [Rule],
}

impl Endpoint {
    pub fn allows(&self, mode: AuthMode) -> bool {
        self.auth.contains(&mode)
    }

    pub fn is_paginated(&self) -> bool {
        matches!(self.returns, Returns::Many { paginated: true, .. })
    }
}

/// Looks an endpoint up by path.
pub fn endpoint(path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.path == path)
}

const MUTATE: &[AuthMode] = &[PersonalAccessToken, ConsoleSession, ApiKey];
const READ: &[AuthMode] = &[ApiKey, PersonalAccessToken, ConsoleSession];
const READ_WITH_CLIENT_SESSION: &[AuthMode] = &[ApiKey, ClientSession, PersonalAccessToken, ConsoleSession];

const UUID: Kind = Kind::Uuid;
const UUIDS: Kind = Kind::List(&Kind::Uuid);
const DATE_TIME: Kind = Kind::DateTime;
const BOOL: Kind = Kind::Bool;
const NON_EMPTY: Kind = Kind::Text { min_len: 1 };
const CURSOR: Field = Field::nullable("page_cursor", NON_EMPTY);
const LIMIT: Field = Field::optional("limit", Kind::PositiveInt);

const CREDENTIAL_ID: &[Field] = &[Field::required("acs_credential_id", UUID)];
const CREDENTIAL: Returns = Returns::One {
    key: "acs_credential",
    resource: Resource::Credential,
};
const MAYBE_CREDENTIAL: Returns = Returns::Maybe {
    key: "acs_credential",
    resource: Resource::Credential,
};

/// `assign` and `unassign` take the credential and exactly one of the two user ids.
const ASSIGNMENT: &[Field] = &[
    Field::required("acs_credential_id", UUID),
    Field::optional("acs_user_id", UUID),
    Field::optional("user_identity_id", UUID),
];

const VISIONLINE_CARD_FORMATS: &[&str] = &["TLCode", "rfid48"];

pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/acs/credentials/create",
        returns: CREDENTIAL,
        retry_safe: false,
        query: false,
        auth: MUTATE,
        params: &[
            Field::required("access_method", Kind::Enum(AccessMethod::KNOWN)),
            Field::optional("acs_user_id", UUID),
            Field::optional("user_identity_id", UUID),
            Field::optional("acs_system_id", UUID),
            Field::optional("allowed_acs_entrance_ids", UUIDS),
            Field::optional("code", Kind::Digits),
            Field::optional("credential_manager_acs_system_id", UUID),
            Field::optional("starts_at", DATE_TIME),
            Field::optional("ends_at", DATE_TIME),
            Field::optional("is_multi_phone_sync_credential", BOOL),
            Field::optional(
                "assa_abloy_vostio_metadata",
                Kind::Object(&[
                    Field::optional("auto_join", BOOL),
                    Field::optional("join_all_guest_acs_entrances", BOOL),
                    Field::optional("override_all_guest_acs_entrances", BOOL),
                    Field::optional("override_guest_acs_entrance_ids", UUIDS),
                ]),
            ),
            Field::optional(
                "hotek_metadata",
                Kind::Object(&[Field::optional("auto_join", BOOL), Field::optional("override", BOOL)]),
            ),
            Field::optional(
                "salto_space_metadata",
                Kind::Object(&[
                    Field::optional("assign_new_key", BOOL),
                    Field::optional("update_current_key", BOOL),
                ]),
            ),
            Field::optional(
                "visionline_metadata",
                Kind::Object(&[
                    Field::optional("assa_abloy_credential_service_mobile_endpoint_id", UUID),
                    Field::optional("auto_join", BOOL),
                    Field::optional("card_format", Kind::Enum(VISIONLINE_CARD_FORMATS)),
                    Field::optional("card_function_type", Kind::Enum(CardFunctionType::KNOWN)),
                    Field::optional("is_override_key", BOOL),
                    Field::optional("joiner_acs_credential_ids", UUIDS),
                    Field::optional("override", BOOL),
                ]),
            ),
        ],
        rules: &[
            // "You must provide either acs_user_id or the combination of user_identity_id and acs_system_id."
            Rule::ExactlyOneOf(&["acs_user_id", "user_identity_id"]),
            Rule::Requires {
                field: "user_identity_id",
                needs: "acs_system_id",
            },
            // "Must be a time in the future and after starts_at."
            Rule::After {
                later: "ends_at",
                earlier: "starts_at",
            },
            Rule::InFuture("ends_at"),
        ],
    },
    Endpoint {
        path: "/acs/credentials/get",
        returns: CREDENTIAL,
        retry_safe: true,
        query: true,
        auth: READ,
        params: CREDENTIAL_ID,
        rules: &[],
    },
    Endpoint {
        path: "/acs/credentials/list",
        returns: Returns::Many {
            key: "acs_credentials",
            resource: Resource::Credential,
            paginated: true,
        },
        retry_safe: true,
        query: false,
        auth: READ_WITH_CLIENT_SESSION,
        params: &[
            Field::optional("acs_user_id", UUID),
            Field::optional("acs_system_id", UUID),
            Field::optional("user_identity_id", UUID),
            Field::optional("created_before", DATE_TIME),
            Field::optional("is_multi_phone_sync_credential", BOOL),
            LIMIT,
            CURSOR,
            Field::optional("search", NON_EMPTY),
        ],
        // The contract's oneOf: a user, a system, both, a user identity, or no filter.
        rules: &[Rule::AllowedCombinations {
            among: &["acs_user_id", "acs_system_id", "user_identity_id"],
            allowed: &[
                &[],
                &["acs_user_id"],
                &["acs_system_id"],
                &["acs_user_id", "acs_system_id"],
                &["user_identity_id"],
            ],
        }],
    },
    Endpoint {
        path: "/acs/credentials/list_accessible_entrances",
        returns: Returns::Many {
            key: "acs_entrances",
            resource: Resource::Entrance,
            paginated: false,
        },
        retry_safe: true,
        query: true,
        auth: READ,
        params: CREDENTIAL_ID,
        rules: &[],
    },
    Endpoint {
        path: "/acs/credentials/update",
        returns: MAYBE_CREDENTIAL,
        retry_safe: false,
        query: false,
        auth: MUTATE,
        params: &[
            // A plain string in the contract; every credential id Seam issues is a UUID.
            Field::required("acs_credential_id", UUID),
            Field::optional("code", Kind::Digits),
            Field::optional("ends_at", DATE_TIME),
        ],
        // "Must be a time in the future" (after starts_at is the server's check: it is not in the request).
        rules: &[Rule::AtLeastOneOf(&["code", "ends_at"]), Rule::InFuture("ends_at")],
    },
    Endpoint {
        path: "/acs/credentials/assign",
        returns: MAYBE_CREDENTIAL,
        retry_safe: false,
        query: false,
        auth: MUTATE,
        params: ASSIGNMENT,
        // Whom to assign it to: exactly one of the two.
        rules: &[Rule::ExactlyOneOf(&["acs_user_id", "user_identity_id"])],
    },
    Endpoint {
        path: "/acs/credentials/unassign",
        returns: MAYBE_CREDENTIAL,
        retry_safe: false,
        query: false,
        auth: MUTATE,
        params: ASSIGNMENT,
        // From whom: exactly one of the two, as for assign (the contract's "only one of" leaves
        // "neither" open; an unassign that does not say from whom is refused here).
        rules: &[Rule::ExactlyOneOf(&["acs_user_id", "user_identity_id"])],
    },
    Endpoint {
        path: "/acs/credentials/delete",
        returns: Returns::Nothing,
        retry_safe: false,
        query: false,
        auth: MUTATE,
        params: CREDENTIAL_ID,
        rules: &[],
    },
    Endpoint {
        path: "/acs/entrances/get",
        returns: Returns::One {
            key: "acs_entrance",
            resource: Resource::Entrance,
        },
        retry_safe: true,
        query: true,
        auth: READ_WITH_CLIENT_SESSION,
        params: &[Field::required("acs_entrance_id", UUID)],
        rules: &[],
    },
    Endpoint {
        path: "/acs/entrances/list",
        returns: Returns::Many {
            key: "acs_entrances",
            resource: Resource::Entrance,
            paginated: true,
        },
        retry_safe: true,
        query: false,
        auth: READ_WITH_CLIENT_SESSION,
        params: &[
            Field::optional("acs_credential_id", UUID),
            Field::optional("acs_entrance_ids", UUIDS),
            Field::optional("acs_system_id", UUID),
            Field::optional("connected_account_id", UUID),
            Field::optional("customer_key", NON_EMPTY),
            LIMIT,
            // Deprecated in favour of space_id, still accepted by the contract.
            Field::nullable("location_id", UUID),
            CURSOR,
            Field::optional("search", NON_EMPTY),
            Field::optional("space_id", UUID),
        ],
        rules: &[],
    },
    Endpoint {
        path: "/acs/entrances/list_credentials_with_access",
        returns: Returns::Many {
            key: "acs_credentials",
            resource: Resource::Credential,
            paginated: false,
        },
        retry_safe: true,
        query: false,
        auth: READ_WITH_CLIENT_SESSION,
        params: &[
            Field::required("acs_entrance_id", UUID),
            Field::optional("include_if", Kind::List(&Kind::Enum(&["visionline_metadata.is_valid"]))),
        ],
        rules: &[],
    },
    Endpoint {
        path: "/client_sessions/get_or_create",
        returns: Returns::One {
            key: "client_session",
            resource: Resource::ClientSession,
        },
        // "Get or create" is idempotent by design.
        retry_safe: true,
        query: false,
        auth: &[PublishableKey, ApiKey, PersonalAccessToken, ConsoleSession],
        params: &[
            Field::optional("connect_webview_ids", Kind::List(&NON_EMPTY)),
            Field::optional("connected_account_ids", Kind::List(&NON_EMPTY)),
            Field::optional("expires_at", DATE_TIME),
            Field::optional("user_identifier_key", NON_EMPTY),
            Field::optional("user_identity_id", UUID),
            Field::optional("user_identity_ids", UUIDS),
        ],
        rules: &[],
    },
];
