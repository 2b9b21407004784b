// What a credential looks like depends on the access system it lives in.
// Values follow the samples in Seam's docs (/work/shared/seeds).

export const ACS_SYSTEM_DISPLAY_NAMES = {
  visionline_system: 'Visionline',
  salto_ks_site: 'Salto KS site',
}

/** external_type / external_type_display_name for a new credential. */
export function credentialExternalType(systemType, accessMethod) {
  if (systemType === 'visionline_system') {
    return { external_type: 'visionline_card', external_type_display_name: 'Visionline Card' }
  }
  if (systemType === 'salto_ks_site') {
    return accessMethod === 'card'
      ? { external_type: 'salto_ks_tag', external_type_display_name: 'Salto KS Tag' }
      : { external_type: 'salto_ks_credential', external_type_display_name: 'Salto KS Credential' }
  }
  return {}
}

/**
 * Visionline names a card after the doors it opens ("Guest Lock 1, Vingcard
 * Lock 2"); Salto KS uses the credential type's display name.
 */
export function credentialDisplayName(systemType, accessMethod, entrances) {
  if (systemType === 'visionline_system') {
    return entrances.length > 0 ? entrances.map((e) => e.display_name).join(', ') : 'Visionline Card'
  }
  if (systemType === 'salto_ks_site') {
    return (
      { code: 'Salto KS PIN Code', card: 'Salto KS Tag', mobile_key: 'Salto KS Mobile Key' }[accessMethod] ??
      'Salto KS Credential'
    )
  }
  return `${accessMethod} credential`
}

/** Visionline splits the doors of a card into guest rooms and common doors. */
export function visionlineEntranceIds(entrances) {
  const isGuest = (e) => e.visionline_metadata?.door_category === 'guest'
  return {
    guest_acs_entrance_ids: entrances.filter(isGuest).map((e) => e.acs_entrance_id),
    common_acs_entrance_ids: entrances.filter((e) => !isGuest(e)).map((e) => e.acs_entrance_id),
  }
}

/** Fields of an acs_entrance in the contract (the fake's records carry extras). */
const ENTRANCE_KEYS = [
  'acs_entrance_id',
  'acs_system_id',
  'connected_account_id',
  'created_at',
  'display_name',
  'space_ids',
  'errors',
  'warnings',
  'is_locked',
  'can_unlock_with_card',
  'can_unlock_with_code',
  'can_unlock_with_mobile_key',
  'can_unlock_with_cloud_key',
  'can_belong_to_reservation',
  'visionline_metadata',
  'salto_ks_metadata',
]

export function publicEntrance(entrance) {
  const out = {}
  for (const key of ENTRANCE_KEYS) {
    if (entrance[key] != null) out[key] = entrance[key]
  }
  return out
}
