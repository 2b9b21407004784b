//! `acs_entrance`: a door, gate or zone of an access control system, with each brand's metadata.

use super::{EntranceWarning, ResourceError};

open_enum! {
    /// Vostio door type.
    VostioDoorType {
        CommonDoor = "CommonDoor",
        EntranceDoor = "EntranceDoor",
        GuestDoor = "GuestDoor",
        Elevator = "Elevator",
    }
}

open_enum! {
    /// Visionline door category.
    VisionlineDoorCategory {
        Entrance = "entrance",
        Guest = "guest",
        ElevatorReader = "elevator reader",
        Common = "common",
        CommonPms = "common (PMS)",
    }
}

open_enum! {
    /// Visionline door profile type.
    VisionlineDoorProfileType {
        Ble = "BLE",
        CommonDoor = "commonDoor",
        Touch = "touch",
    }
}

model! {
    /// An entrance. Only its id is required, for the reasons given on
    /// [`super::AcsCredential`]; missing lists read as empty.
    pub struct AcsEntrance {
        pub acs_entrance_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub acs_system_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub connected_account_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub display_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub created_at: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub space_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub errors: Option<Vec<ResourceError>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub warnings: Option<Vec<EntranceWarning>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_locked: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_belong_to_reservation: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_unlock_with_card: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_unlock_with_cloud_key: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_unlock_with_code: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_unlock_with_mobile_key: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub assa_abloy_vostio_metadata: Option<VostioEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub avigilon_alta_metadata: Option<AvigilonAltaEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub brivo_metadata: Option<BrivoEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub dormakaba_ambiance_metadata: Option<DormakabaAmbianceEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub dormakaba_community_metadata: Option<DormakabaCommunityEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hotek_metadata: Option<HotekEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub latch_metadata: Option<LatchEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub salto_ks_metadata: Option<SaltoKsEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub salto_space_metadata: Option<SaltoSpaceEntranceMetadata>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub visionline_metadata: Option<VisionlineEntranceMetadata>,
    }
}

model! {
    pub struct VostioEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_number: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_type: Option<VostioDoorType>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pms_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub stand_open: Option<bool>,
    }
}

model! {
    pub struct AvigilonAltaEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub entry_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub entry_relays_total_count: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub org_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub site_id: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub site_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub zone_id: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub zone_name: Option<String>,
    }
}

model! {
    pub struct BrivoEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub access_point_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub site_id: Option<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub site_name: Option<String>,
    }
}

model! {
    pub struct DormakabaAmbianceEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub access_point_name: Option<String>,
    }
}

model! {
    pub struct DormakabaCommunityEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub access_point_profile: Option<String>,
    }
}

model! {
    pub struct HotekEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub common_area_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub common_area_number: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub room_number: Option<String>,
    }
}

model! {
    pub struct LatchEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub accessibility_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_connected: Option<bool>,
    }
}

model! {
    pub struct SaltoKsEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub battery_level: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub intrusion_alarm: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub left_open_alarm: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lock_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub locked_state: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub online: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub privacy_mode: Option<bool>,
    }
}

model! {
    pub struct SaltoSpaceEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub audit_on_keys: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub room_description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub room_name: Option<String>,
    }
}

model! {
    pub struct VisionlineEntranceMetadata {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_category: Option<VisionlineDoorCategory>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub door_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub profiles: Option<Vec<VisionlineDoorProfile>>,
    }
}

model! {
    pub struct VisionlineDoorProfile {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub visionline_door_profile_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub visionline_door_profile_type: Option<VisionlineDoorProfileType>,
    }
}
