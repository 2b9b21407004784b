#!/usr/bin/env python3
"""Writes the seed corpora fuzz/seeds/<target>/ from the contract's examples.

The documents are Seam's own samples (crates/core/tests/fixtures/*.json) plus a few
written here after the pinned contract (shared/reference/openapi-schemas.txt): a paginated
list, an entrance with every brand's metadata, Seam error bodies, the four credential
events, valid and invalid request parameters. Each target's seeds are laid out the way
that target reads its input (see the comment at the top of each fuzz_targets/*.rs).

Run it again after changing a document or an input layout: python3 fuzz/seeds/make_seeds.py
"""

import json
import shutil
import struct
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent.parent / "crates" / "core" / "tests" / "fixtures"
UUID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
UUID2 = "73a0a199-024f-454d-a916-9bbda8502c12"
UUID3 = "0fc82df4-391b-4d00-a234-86378f1c3952"


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def text(value):
    return json.dumps(value, indent=1, ensure_ascii=False).encode()


def status(code):
    return struct.pack("<H", code)


# ------------------------------------------------------------------ documents

credential_object = fixture("seed-object-0.json")
credential_created = fixture("seed-create-0.json")
get_answer = fixture("seed-get-0.json")
create_answer = fixture("seed-create-1.json")
lcwa_items = fixture("seed-lcwa-0.json")
lcwa_answer = fixture("seed-lcwa-1.json")

credential_unknown = dict(
    credential_object,
    access_method="qr_code",
    external_type="new_brand_credential",
    zz_new_property={"nested": [1, 2.5, None, "x"]},
    code=None,
    issued_at=None,
    is_latest_desired_state_synced_with_provider=None,
    visionline_metadata={"card_function_type": "vip", "is_valid": False, "zz_flag": True},
    warnings=[{"warning_code": "brand_new_warning", "message": "m", "created_at": "2025-01-01T00:00:00Z", "zz": 1}],
)
credential_minimal = {"acs_credential_id": UUID}

entrance_every_brand = {
    "acs_entrance_id": UUID,
    "acs_system_id": UUID2,
    "connected_account_id": UUID3,
    "display_name": "Main door",
    "created_at": "2025-06-15T16:54:17.946482Z",
    "space_ids": [UUID],
    "errors": [{"error_code": "entrance_offline", "message": "offline", "created_at": "2025-06-15T16:54:17Z"}],
    "warnings": [
        {"warning_code": "entrance_shares_zone", "message": "shares a zone", "created_at": "2025-06-15T16:54:17Z"},
        {"warning_code": "salto_ks_privacy_mode", "message": "privacy", "created_at": "2025-06-15T16:54:17Z"},
    ],
    "is_locked": True,
    "can_belong_to_reservation": True,
    "can_unlock_with_card": True,
    "can_unlock_with_cloud_key": False,
    "can_unlock_with_code": True,
    "can_unlock_with_mobile_key": False,
    "assa_abloy_vostio_metadata": {
        "door_name": "Room 101", "door_number": 101, "door_type": "GuestDoor", "pms_id": "pms-101", "stand_open": False,
    },
    "avigilon_alta_metadata": {
        "entry_name": "Lobby", "entry_relays_total_count": 2, "org_name": "Org", "site_id": 12.5,
        "site_name": "HQ", "zone_id": 7, "zone_name": "Zone A",
    },
    "brivo_metadata": {"access_point_id": "ap-1", "site_id": 3, "site_name": "Site"},
    "dormakaba_ambiance_metadata": {"access_point_name": "Gate"},
    "dormakaba_community_metadata": {"access_point_profile": "profile-1"},
    "hotek_metadata": {"common_area_name": "Pool", "common_area_number": "7", "room_number": "101"},
    "latch_metadata": {"accessibility_type": "door", "door_name": "Front", "door_type": "building_entrance", "is_connected": True},
    "salto_ks_metadata": {
        "battery_level": "full", "door_name": "Back", "intrusion_alarm": False, "left_open_alarm": False,
        "lock_type": "wall_reader", "locked_state": "locked", "online": True, "privacy_mode": False,
    },
    "salto_space_metadata": {
        "audit_on_keys": True, "door_description": "desc", "door_id": "d-1", "door_name": "Side",
        "room_description": "room", "room_name": "101",
    },
    "visionline_metadata": {
        "door_category": "guest",
        "door_name": "Room 101",
        "profiles": [
            {"visionline_door_profile_id": "p-1", "visionline_door_profile_type": "BLE"},
            {"visionline_door_profile_id": "p-2", "visionline_door_profile_type": "touch", "zz": None},
        ],
    },
}
entrance_minimal = {"acs_entrance_id": UUID2, "space_ids": [], "errors": [], "warnings": []}
entrance_unknown = dict(
    entrance_minimal,
    visionline_metadata={"door_category": "rooftop", "zz_new": {"a": 1}},
    warnings=[{"warning_code": "new_entrance_warning", "message": "m"}],
    zz_future="x",
)


def pagination(cursor, has_next=True):
    return {
        "has_next_page": has_next,
        "next_page_cursor": cursor,
        "next_page_url": None if cursor is None else f"https://connect.getseam.com/acs/credentials/list?next_page_cursor={cursor}",
    }


credential_pages = [
    {"acs_credentials": lcwa_items, "pagination": pagination("cursor-1"), "ok": True},
    {"acs_credentials": [credential_object, credential_unknown], "pagination": pagination("cursor-2"), "ok": True},
    {"acs_credentials": [credential_created], "pagination": pagination(None, False), "ok": True},
]
stuck_page = {"acs_credentials": [credential_minimal], "pagination": pagination("same"), "ok": True}
empty_page = {"acs_credentials": [], "pagination": pagination("next"), "ok": True}
entrance_pages = [
    {"acs_entrances": [entrance_every_brand], "pagination": pagination("e-1"), "ok": True},
    {"acs_entrances": [entrance_minimal, entrance_unknown], "pagination": pagination(None, False), "ok": True},
]

invalid_input = {
    "error": {
        "type": "invalid_input",
        "message": "Invalid input",
        "validation_errors": {"_errors": [], "code": {"_errors": ["Invalid"]}, "visionline_metadata": {"_errors": [], "card_format": {"_errors": ["Invalid enum value"]}}},
        "request_id": "req_body",
    }
}
not_found = {"error": {"type": "acs_credential_not_found", "message": "Could not find an acs_credential", "data": {"acs_credential_id": UUID}}}
unauthorized = {"error": {"type": "unauthorized", "message": "Unauthorized"}}
rate_limited = {"error": {"type": "rate_limited", "message": "Too many requests"}}
server_error = {"error": {"type": "internal_server_error", "message": "Something went wrong"}}

events = [
    {
        "event_id": UUID,
        "event_type": event_type,
        "acs_credential_id": UUID2,
        "workspace_id": UUID3,
        "acs_system_id": UUID,
        "connected_account_id": UUID2,
        "created_at": "2025-06-15T16:54:17.946482Z",
        "occurred_at": "2025-06-15T16:54:17.946482Z",
    }
    for event_type in ["acs_credential.deleted", "acs_credential.issued", "acs_credential.reissued", "acs_credential.invalidated"]
]
event_unknown = dict(events[1], event_type="acs_credential.future_thing", zz_extra={"k": [1, 2]})
event_missing = {"event_id": UUID, "event_type": "acs_credential.issued"}

create_valid = [
    {"access_method": "code", "acs_user_id": UUID, "code": "1234", "ends_at": "2030-01-02T15:04:05Z"},
    {"access_method": "card", "user_identity_id": UUID, "acs_system_id": UUID2, "starts_at": "2029-01-01T00:00:00+02:00",
     "ends_at": "2030-01-01T00:00:00.5Z", "allowed_acs_entrance_ids": [UUID, UUID2]},
    {"access_method": "mobile_key", "acs_user_id": UUID, "is_multi_phone_sync_credential": True,
     "visionline_metadata": {"card_format": "rfid48", "card_function_type": "guest", "joiner_acs_credential_ids": [UUID3], "override": True},
     "assa_abloy_vostio_metadata": {"auto_join": True, "override_guest_acs_entrance_ids": [UUID]},
     "hotek_metadata": {"auto_join": False}, "salto_space_metadata": {"assign_new_key": True},
     "credential_manager_acs_system_id": UUID2},
]
create_invalid = [
    {"access_method": "qr", "acs_user_id": "nope", "user_identity_id": UUID, "code": "12a4", "ends_at": "2020-01-01T00:00:00Z",
     "starts_at": "2031-01-01T00:00:00Z", "typo_field": 1},
    {"acs_user_id": UUID, "visionline_metadata": {"card_format": "barcode", "unknown": True}, "allowed_acs_entrance_ids": [UUID, 7]},
    {"access_method": "code", "user_identity_id": UUID, "ends_at": "tomorrow"},
    [1, 2, 3],
    None,
]
update_params = [
    {"acs_credential_id": UUID, "code": "5678"},
    {"acs_credential_id": UUID, "ends_at": "2031-05-05T05:05:05-07:00"},
    {"acs_credential_id": UUID},
    {"acs_credential_id": UUID, "code": "", "ends_at": "2001-01-01T00:00:00Z"},
]
list_params = [
    {"acs_user_id": UUID, "acs_system_id": UUID2, "limit": 50, "page_cursor": None},
    {"user_identity_id": UUID, "created_before": "2030-01-01T00:00:00Z", "search": "front"},
    {"acs_user_id": UUID, "user_identity_id": UUID2, "limit": 0.5, "page_cursor": ""},
    {"acs_entrance_id": UUID, "include_if": ["visionline_metadata.is_valid"]},
    {"acs_credential_id": UUID, "acs_entrance_ids": [UUID], "location_id": None, "customer_key": "c"},
    {"user_identity_ids": [UUID], "connect_webview_ids": ["a"], "expires_at": "2030-01-01T00:00:00Z", "user_identifier_key": "u"},
]


# ------------------------------------------------------------------ layouts


def error_body_seed(code, body, endpoint=0, request_id=None, retry_after=None, retries_done=0, jitter=0.5, remaining=None):
    """parse_error_body: status, endpoint, clock, headers, policy, retry numbers, body."""
    out = bytearray()
    out += struct.pack("<H", code - 400)
    out += bytes([endpoint])
    out += struct.pack("<q", 1_767_225_603) + struct.pack("<I", 0)  # 2026-01-01, and a clock case other than min/max
    for header in (request_id, retry_after):
        if header is None:
            out += b"\x00"
        else:
            raw = header.encode()
            out += b"\x01" + bytes([len(raw)]) + raw
    out += struct.pack("<I", 2) + struct.pack("<QQQ", 200, 5_000, 30_000)
    out += struct.pack("<I", retries_done) + struct.pack("<d", jitter)
    out += b"\x00" if remaining is None else b"\x01" + struct.pack("<Q", remaining)
    out += b"\x00"  # no retry-after of its own
    return bytes(out) + body


def validate_tail(token="", workspace=None, url=None, timeout=None, retries=None):
    """validate_requests: after a NUL, the clock, token, workspace, URL and options."""
    out = bytearray(b"\x00")
    out += struct.pack("<q", 1_767_225_603) + struct.pack("<I", 0)
    raw = token.encode()
    out += bytes([len(raw)]) + raw
    for value in (workspace, url):
        if value is None:
            out += b"\x00"
        else:
            raw = value.encode()
            out += b"\x01" + bytes([len(raw)]) + raw
    for number in (timeout, retries, None):
        out += b"\x00" if number is None else b"\x01" + struct.pack("<d", number)
    return bytes(out)


def seeds():
    credential_docs = [credential_object, credential_created, credential_unknown, credential_minimal]
    yield "parse_credential", {
        **{f"object-{i}.json": text(doc) for i, doc in enumerate(credential_docs)},
        "get-answer.bin": status(200) + text(get_answer),
        "create-answer.bin": status(200) + text(create_answer),
        "not-found.bin": status(404) + text(not_found),
        "not-json.bin": status(200) + b"<html>502 Bad Gateway</html>",
        "null-credential.bin": status(200) + b'{"acs_credential":null,"ok":true}',
    }
    yield "parse_list", {
        "three-pages.bin": b"\x00" + b"\x00".join(text(p) for p in credential_pages),
        "entrance-pages.bin": b"\x00" + b"\x00".join(text(p) for p in entrance_pages),
        "stuck.bin": b"\x00" + b"\x00".join(text(stuck_page) for _ in range(3)),
        "empty-page.bin": b"\x00" + text(empty_page),
        "first-cursor.bin": b"\x01" + bytes([8]) + b"cursor-1" + text(credential_pages[0]),
        "no-pagination.bin": b"\x00" + text(lcwa_answer),
        "error-status.bin": b"\x02" + status(429) + text(rate_limited),
    }
    yield "parse_entrances", {
        "every-brand.json": text(entrance_every_brand),
        "minimal.json": text(entrance_minimal),
        "unknown.json": text(entrance_unknown),
        "list-answer.bin": status(200) + text({"acs_entrances": [entrance_every_brand, entrance_unknown], "ok": True}),
        "get-answer.bin": status(200) + text({"acs_entrance": entrance_every_brand, "ok": True}),
        "not-found.bin": status(404) + text({"error": {"type": "acs_entrance_not_found", "message": "no"}}),
    }
    yield "parse_error_body", {
        "invalid-input.bin": error_body_seed(400, text(invalid_input), endpoint=0, request_id="req_header"),
        "not-found.bin": error_body_seed(404, text(not_found), endpoint=1),
        "unauthorized.bin": error_body_seed(401, text(unauthorized), endpoint=2),
        "unauthorized-html.bin": error_body_seed(401, b"<html>no</html>", endpoint=2),
        "rate-limited.bin": error_body_seed(429, text(rate_limited), endpoint=0, retry_after="2", remaining=10_000),
        "rate-limited-date.bin": error_body_seed(429, text(rate_limited), endpoint=2, retry_after="Thu, 01 Jan 2026 00:00:30 GMT"),
        "unavailable.bin": error_body_seed(503, text(server_error), endpoint=1, retry_after="120", retries_done=1, jitter=0.99),
        "bad-gateway.bin": error_body_seed(502, b"<html>Bad Gateway</html>", endpoint=3),
        "server-error.bin": error_body_seed(500, text(server_error), endpoint=4),
        "empty.bin": error_body_seed(504, b"", endpoint=1),
    }
    yield "parse_event", {
        **{f"{e['event_type'].split('.')[1]}.json": text(e) for e in events},
        "unknown-type.json": text(event_unknown),
        "missing-fields.json": text(event_missing),
    }
    params = create_valid + create_invalid + update_params + list_params
    validate = {f"params-{i}.json": text(p) for i, p in enumerate(params)}
    validate.update({
        "api-key.bin": text(create_valid[0]) + validate_tail("seam_key_abc123", None, "https://connect.getseam.com/", 1500.0, 2.0),
        "pat.bin": text(list_params[0]) + validate_tail("seam_at_abc123", "ws_123", "http://localhost:3000", 0.0, 2.5),
        "console.bin": text(update_params[0]) + validate_tail("eyJhbGciOi.x.y", "ws_1", "http://app.localhost:8080/"),
        "wrong-kind.bin": text(update_params[2]) + validate_tail("seam_cst_secret", None, "http://192.168.1.10"),
        "v6.bin": b"{}" + validate_tail("seam_pk_1", "", "http://[::1]:9000", 600000.0, 10.0),
        "bad-url.bin": b"null" + validate_tail("seam_key\r\nx", None, "https://user:pw@x.com/?a=1"),
    })
    yield "validate_requests", validate


def main():
    for target, files in seeds():
        folder = HERE / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
