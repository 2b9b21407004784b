//! The `errors` and `warnings` lists that credentials and entrances carry.

open_enum! {
    /// Why a credential has a warning (the six codes of the pinned contract).
    CredentialWarningCode {
        WaitingToBeIssued = "waiting_to_be_issued",
        ScheduleExternallyModified = "schedule_externally_modified",
        ScheduleModified = "schedule_modified",
        BeingDeleted = "being_deleted",
        UnknownIssueWithAcsCredential = "unknown_issue_with_acs_credential",
        NeedsToBeReissued = "needs_to_be_reissued",
    }
}

open_enum! {
    /// Why an entrance has a warning.
    EntranceWarningCode {
        SaltoKsEntranceAccessCodeSupportRemoved = "salto_ks_entrance_access_code_support_removed",
        EntranceSharesZone = "entrance_shares_zone",
        EntranceSetupRequired = "entrance_setup_required",
        SaltoKsPrivacyMode = "salto_ks_privacy_mode",
        PrivacyMode = "privacy_mode",
    }
}

model! {
    /// A warning on a credential, keyed on `warning_code`.
    pub struct CredentialWarning {
        pub warning_code: CredentialWarningCode,
        pub message: String,
        /// Required by the contract; tolerated when missing, as documentation samples omit it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
    }
}

model! {
    /// A warning on an entrance, keyed on `warning_code`.
    pub struct EntranceWarning {
        pub warning_code: EntranceWarningCode,
        pub message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
    }
}

model! {
    /// An error on a credential or an entrance. `error_code` is an open string in the contract.
    pub struct ResourceError {
        pub error_code: String,
        pub message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
    }
}
