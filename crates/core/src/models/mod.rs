//! The objects of the API, as the pinned contract (`@seamapi/types` 1.977.0) describes them:
//! generated from it, with the two macros they are made of written here.
//!
//! Forward compatible by construction: every object keeps the properties this version
//! does not know in `extra` and writes them back unchanged, and every enum has an
//! `Unknown(String)` variant that keeps a value Seam adds later. Ids and timestamps are
//! kept as the strings the server sent (a response is never rejected for an id that is
//! not a UUID or a date in an odd format); [`timestamp`] parses them when a check needs it.

#[macro_use]
mod macros;
mod event;
mod nullable;
pub(crate) mod unknown;

/// The models and their shapes, generated from the contract: each model is named after its
/// schema (`AcsCredential`) and each nested object and enum after its path
/// (`AcsCredentialVisionlineMetadata`, `AcsCredentialAccessMethod`); each shape is
/// `<NAME>_SHAPE` (`CREDENTIAL_SHAPE`, `CREDENTIAL_VISIONLINE_METADATA_SHAPE`).
pub use crate::generated::models::*;
pub use crate::generated::shapes::*;
pub use event::{AcsCredentialEvent, AcsCredentialEventType, EVENT_SHAPE};
pub use nullable::Nullable;
pub use unknown::UnknownFields;

// The names these had when they were written by hand.
pub use crate::generated::shapes::{
    CREDENTIAL_ERRORS_SHAPE as RESOURCE_ERROR_SHAPE, CREDENTIAL_WARNINGS_SHAPE as CREDENTIAL_WARNING_SHAPE,
    ENTRANCE_WARNINGS_SHAPE as ENTRANCE_WARNING_SHAPE,
};
pub type AccessMethod = AcsCredentialAccessMethod;
pub type ExternalType = AcsCredentialExternalType;
pub type CardFunctionType = AcsCredentialVisionlineMetadataCardFunctionType;
pub type CredentialWarningCode = AcsCredentialWarningCode;
pub type EntranceWarningCode = AcsEntranceWarningCode;
pub type ResourceError = AcsCredentialError;
pub type CredentialWarning = AcsCredentialWarning;
pub type EntranceWarning = AcsEntranceWarning;
pub type VisionlineCredentialMetadata = AcsCredentialVisionlineMetadata;
pub type AssaAbloyVostioCredentialMetadata = AcsCredentialAssaAbloyVostioMetadata;
pub type VostioDoorType = AcsEntranceAssaAbloyVostioMetadataDoorType;
pub type VisionlineDoorCategory = AcsEntranceVisionlineMetadataDoorCategory;
pub type VisionlineDoorProfileType = AcsEntranceVisionlineMetadataProfileVisionlineDoorProfileType;
pub type VostioEntranceMetadata = AcsEntranceAssaAbloyVostioMetadata;
pub type AvigilonAltaEntranceMetadata = AcsEntranceAvigilonAltaMetadata;
pub type BrivoEntranceMetadata = AcsEntranceBrivoMetadata;
pub type DormakabaAmbianceEntranceMetadata = AcsEntranceDormakabaAmbianceMetadata;
pub type DormakabaCommunityEntranceMetadata = AcsEntranceDormakabaCommunityMetadata;
pub type HotekEntranceMetadata = AcsEntranceHotekMetadata;
pub type LatchEntranceMetadata = AcsEntranceLatchMetadata;
pub type SaltoKsEntranceMetadata = AcsEntranceSaltoKsMetadata;
pub type SaltoSpaceEntranceMetadata = AcsEntranceSaltoSpaceMetadata;
pub type VisionlineEntranceMetadata = AcsEntranceVisionlineMetadata;
pub type VisionlineDoorProfile = AcsEntranceVisionlineMetadataProfile;

use crate::datetime::{parse_date_time, Timestamp};

/// Parses a timestamp the server sent (RFC 3339, as Seam writes them); `None` when it is
/// in another format. The original string is what the models keep and write back.
pub fn timestamp(value: &str) -> Option<Timestamp> {
    parse_date_time(value)
}
