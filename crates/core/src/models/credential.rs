//! `acs_credential`: a PIN code, card, mobile key or cloud key that lets an ACS user through.

use super::{CredentialWarning, Nullable, ResourceError};

open_enum! {
    /// How the credential grants access.
    AccessMethod {
        Code = "code",
        Card = "card",
        MobileKey = "mobile_key",
        CloudKey = "cloud_key",
    }
}

open_enum! {
    /// The brand's own name for the kind of credential.
    ExternalType {
        PtiCard = "pti_card",
        BrivoCredential = "brivo_credential",
        HidCredential = "hid_credential",
        VisionlineCard = "visionline_card",
        SaltoKsCredential = "salto_ks_credential",
        AssaAbloyVostioKey = "assa_abloy_vostio_key",
        SaltoSpaceKey = "salto_space_key",
        LatchAccess = "latch_access",
        DormakabaAmbianceCredential = "dormakaba_ambiance_credential",
        HotekCard = "hotek_card",
        SaltoKsTag = "salto_ks_tag",
        AvigilonAltaCredential = "avigilon_alta_credential",
        KisiCredential = "kisi_credential",
    }
}

open_enum! {
    /// Visionline card function.
    CardFunctionType {
        Guest = "guest",
        Staff = "staff",
    }
}

model! {
    /// A credential. Only its id is required: the contract requires more, but Seam's own
    /// samples omit some of it, and one odd record must not fail a whole page. `null` on a
    /// property the contract does not require reads as absent. A typed model holds only
    /// values of the documented type, so it is read strictly ([`crate::response::parse`]);
    /// lenient reading is for the JSON itself ([`crate::response::check`]). What is absent
    /// stays absent when the credential is written back.
    pub struct AcsCredential {
        pub acs_credential_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub access_method: Option<AccessMethod>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub acs_system_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connected_account_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_managed: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub errors: Option<Vec<ResourceError>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub warnings: Option<Vec<CredentialWarning>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub acs_credential_pool_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub acs_user_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_identity_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent_acs_credential_id: Option<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub code: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub card_number: Nullable<String>,
        /// A plain string in the contract, not a date-time: kept as sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub starts_at: Option<String>,
        /// A plain string in the contract, not a date-time: kept as sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ends_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub external_type: Option<ExternalType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub external_type_display_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_issued: Option<bool>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub issued_at: Nullable<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_multi_phone_sync_credential: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_one_time_use: Option<bool>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub is_latest_desired_state_synced_with_provider: Nullable<bool>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        pub latest_desired_state_synced_with_provider_at: Nullable<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub visionline_metadata: Option<VisionlineCredentialMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub assa_abloy_vostio_metadata: Option<AssaAbloyVostioCredentialMetadata>,
    }
}

model! {
    /// Visionline-specific metadata of a credential.
    pub struct VisionlineCredentialMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub auto_join: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub card_function_type: Option<CardFunctionType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub card_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub common_acs_entrance_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credential_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub guest_acs_entrance_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_valid: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub joiner_acs_credential_ids: Option<Vec<String>>,
    }
}

model! {
    /// ASSA ABLOY Vostio-specific metadata of a credential.
    pub struct AssaAbloyVostioCredentialMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub auto_join: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_names: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub endpoint_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub key_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub key_issuing_request_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub override_guest_acs_entrance_ids: Option<Vec<String>>,
    }
}
