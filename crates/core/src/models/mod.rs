//! The objects of the credentials API, as the pinned contract (`@seamapi/types` 1.977.0)
//! describes them.
//!
//! Forward compatible by construction: every object keeps the properties this version
//! does not know in `extra` and writes them back unchanged, and every enum has an
//! `Unknown(String)` variant that keeps a value Seam adds later. Ids and timestamps are
//! kept as the strings the server sent (a response is never rejected for an id that is
//! not a UUID or a date in an odd format); [`timestamp`] parses them when a check needs it.

#[macro_use]
mod macros;
mod client_session;
mod credential;
mod diagnostics;
mod entrance;
mod event;
mod nullable;
mod pagination;
mod unknown;

/// The shapes answers are checked against, generated from the contract; each model's is
/// `<NAME>_SHAPE` (`CREDENTIAL_SHAPE`), and each nested object's is named after its path.
pub use crate::generated::shapes::*;
pub use crate::generated::shapes::{
    CREDENTIAL_ERRORS_SHAPE as RESOURCE_ERROR_SHAPE, CREDENTIAL_WARNINGS_SHAPE as CREDENTIAL_WARNING_SHAPE,
    ENTRANCE_WARNINGS_SHAPE as ENTRANCE_WARNING_SHAPE,
};
pub use client_session::ClientSession;
pub use credential::{
    AccessMethod, AcsCredential, AssaAbloyVostioCredentialMetadata, CardFunctionType, ExternalType,
    VisionlineCredentialMetadata,
};
pub use diagnostics::{CredentialWarning, CredentialWarningCode, EntranceWarning, EntranceWarningCode, ResourceError};
pub use entrance::*;
pub use event::{AcsCredentialEvent, AcsCredentialEventType, EVENT_SHAPE};
pub use nullable::Nullable;
pub use pagination::Pagination;
pub use unknown::UnknownFields;

use crate::datetime::{parse_date_time, Timestamp};

/// Parses a timestamp the server sent (RFC 3339, as Seam writes them); `None` when it is
/// in another format. The original string is what the models keep and write back.
pub fn timestamp(value: &str) -> Option<Timestamp> {
    parse_date_time(value)
}
