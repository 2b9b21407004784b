//! Deciding what became of a create whose answer never came (the connection reset, the
//! server answered 503): the credential may exist. Sending it again blindly could issue a
//! second door credential, so the run first lists that user's credentials and looks for
//! the one this request would have made.

use crate::datetime::parse_date_time;
use crate::node::{Kind, Node};
use crate::prelude::*;

/// Where a reconcile looks: every page of the user's credentials ([`owner`] says whose),
/// then, when the create named entrances, those of each credential that
/// [`needs_entrances`].
pub const LIST_PATH: &str = "/acs/credentials/list";
pub const ENTRANCES_PATH: &str = "/acs/credentials/list_accessible_entrances";

/// The filter that lists the credentials of the user the create `params` names: the name
/// of the parameter (`acs_user_id` or `user_identity_id`) and its value; `None` when it
/// names neither.
pub fn owner<N: Node>(params: &N) -> Option<(&'static str, N)> {
    ["acs_user_id", "user_identity_id"]
        .into_iter()
        .find_map(|name| params.get(name).map(|value| (name, value)))
}

/// The entrances the create `params` names (`allowed_acs_entrance_ids`), if it names any.
pub fn wanted_entrances<N: Node>(params: &N) -> Option<Vec<String>> {
    params
        .get("allowed_acs_entrance_ids")
        .filter(|ids| ids.kind() == Kind::Array)
        .map(|ids| ids.items().iter().filter_map(Node::as_string).collect())
}

/// Whether `credential` would be the one the create `params` (sent at `sent_at_ms`) made,
/// were its entrances `wanted`: only then are its entrances worth a request.
pub fn needs_entrances<N: Node>(params: &N, sent_at_ms: i64, credential: &N, wanted: &[String]) -> bool {
    let if_same = [Candidate {
        credential: credential.clone(),
        entrance_ids: Some(wanted.to_vec()),
    }];
    reconcile(params, sent_at_ms, &if_same, &[]) != Match::Nothing
}

/// The ids of the entrances an [`ENTRANCES_PATH`] answer lists.
pub fn entrance_ids<N: Node>(entrances: &[N]) -> Vec<String> {
    entrances
        .iter()
        .filter_map(|entrance| text(entrance, "acs_entrance_id"))
        .collect()
}

/// How far the server's clock may be behind ours: a credential created this long before
/// the request was sent still counts as possibly made by it.
pub const CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;

/// What the user's credentials say about one create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Exactly one credential fits: the create went through, and this is its id.
    Created(String),
    /// None fits: the create did not go through, and may be sent again.
    Nothing,
    /// Several fit, or one fits whose creation time is unknown: a person decides.
    Ambiguous,
}

/// One credential of the user, as listed, with the entrances it opens when the request
/// named entrances (`None` when the caller did not look them up).
pub struct Candidate<N> {
    pub credential: N,
    pub entrance_ids: Option<Vec<String>>,
}

/// Which of `candidates` the create `params`, sent at `sent_at_ms`, made. Matched on the
/// user, the access method, the code, the validity window and the entrances, among
/// credentials created after the request was sent (less [`CLOCK_SKEW_MS`]) and not already
/// claimed by another item of the run (`claimed`).
pub fn reconcile<N: Node>(params: &N, sent_at_ms: i64, candidates: &[Candidate<N>], claimed: &[&str]) -> Match {
    let mut found = None;
    let mut fits = 0;
    let mut undated = false;
    for candidate in candidates {
        let credential = &candidate.credential;
        let Some(id) = text(credential, "acs_credential_id") else {
            continue;
        };
        if claimed.contains(&id.as_str()) || !same_request(params, candidate) {
            continue;
        }
        match date(credential, "created_at") {
            Some(created) if created < sent_at_ms.saturating_sub(CLOCK_SKEW_MS) => continue,
            Some(_) => {}
            None => undated = true,
        }
        fits += 1;
        found = Some(id);
    }
    match found {
        Some(id) if fits == 1 && !undated => Match::Created(id),
        Some(_) => Match::Ambiguous,
        None => Match::Nothing,
    }
}

/// Whether the candidate is what `params` asks for: every property the request names is
/// the same on the credential (dates as instants, entrances as sets).
fn same_request<N: Node>(params: &N, candidate: &Candidate<N>) -> bool {
    let credential = &candidate.credential;
    let same_text = |name: &'static str| match text(params, name) {
        Some(wanted) => text(credential, name).as_deref() == Some(wanted.as_str()),
        None => true,
    };
    let same_instant = |name: &'static str| match date(params, name) {
        Some(wanted) => date(credential, name) == Some(wanted),
        None => true,
    };
    let same_entrances = match wanted_entrances(params) {
        Some(wanted) => {
            // The same set: a few entrances each, so no sort (which costs the wasm ~3 KB).
            candidate
                .entrance_ids
                .as_ref()
                .is_some_and(|got| wanted.iter().all(|id| got.contains(id)) && got.iter().all(|id| wanted.contains(id)))
        }
        None => true,
    };
    ["acs_user_id", "user_identity_id", "access_method", "code"]
        .into_iter()
        .all(same_text)
        && ["starts_at", "ends_at"].into_iter().all(same_instant)
        && same_entrances
}

fn text<N: Node>(node: &N, name: &'static str) -> Option<String> {
    node.get(name).and_then(|value| value.as_string())
}

fn date<N: Node>(node: &N, name: &'static str) -> Option<i64> {
    text(node, name)
        .and_then(|value| parse_date_time(&value))
        .map(|at| at.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const SENT: i64 = 1_900_000_000_000; // 2030-03-17T17:46:40Z

    fn credential(id: &str, code: &str, created_at: &str) -> Value {
        json!({ "acs_credential_id": id, "acs_user_id": "u1", "access_method": "code", "code": code,
                "ends_at": "2031-01-01T00:00:00.000Z", "created_at": created_at })
    }

    fn run(params: &Value, credentials: &[Value], claimed: &[&str]) -> Match {
        let candidates: Vec<Candidate<&Value>> = credentials
            .iter()
            .map(|credential| Candidate {
                credential,
                entrance_ids: None,
            })
            .collect();
        reconcile(&params, SENT, &candidates, claimed)
    }

    #[test]
    fn the_one_credential_made_after_the_request_is_the_one() {
        let params =
            json!({ "acs_user_id": "u1", "access_method": "code", "code": "1234", "ends_at": "2031-01-01T00:00:00Z" });
        let before = credential("old", "1234", "2030-03-17T17:00:00Z");
        let after = credential("new", "1234", "2030-03-17T17:46:41Z");
        let other_code = credential("other", "9999", "2030-03-17T17:46:42Z");
        assert_eq!(
            run(&params, &[before.clone(), after.clone(), other_code.clone()], &[]),
            Match::Created("new".into())
        );
        // The same credential already claimed by another item of the run: nothing left.
        assert_eq!(run(&params, &[before.clone(), after.clone()], &["new"]), Match::Nothing);
        assert_eq!(run(&params, &[before, other_code], &[]), Match::Nothing);
    }

    #[test]
    fn a_server_clock_a_little_behind_still_counts_and_two_fits_are_ambiguous() {
        let params = json!({ "acs_user_id": "u1", "access_method": "code", "code": "1234" });
        let skewed = credential("a", "1234", "2030-03-17T17:44:00Z");
        assert_eq!(
            run(&params, core::slice::from_ref(&skewed), &[]),
            Match::Created("a".into())
        );
        let twin = credential("b", "1234", "2030-03-17T17:47:00Z");
        assert_eq!(run(&params, &[skewed, twin], &[]), Match::Ambiguous);
        let undated = json!({ "acs_credential_id": "c", "acs_user_id": "u1", "access_method": "code", "code": "1234" });
        assert_eq!(
            run(&params, &[undated], &[]),
            Match::Ambiguous,
            "no creation time: a person decides"
        );
    }

    #[test]
    fn a_reconcile_lists_the_named_users_credentials_and_looks_up_entrances_only_of_a_fitting_one() {
        let params = json!({ "user_identity_id": "i1", "access_method": "code", "code": "1234",
                             "allowed_acs_entrance_ids": ["e1", "e2"] });
        let (name, value) = owner(&&params).unwrap();
        assert_eq!((name, value.as_string().as_deref()), ("user_identity_id", Some("i1")));
        assert!(owner(&&json!({ "access_method": "code" })).is_none());
        let wanted = wanted_entrances(&&params).unwrap();
        assert_eq!(wanted, ["e1", "e2"]);
        let fits = json!({ "acs_credential_id": "a", "user_identity_id": "i1", "access_method": "code",
                           "code": "1234", "created_at": "2030-03-17T17:46:41Z" });
        let other_code = json!({ "acs_credential_id": "b", "user_identity_id": "i1", "access_method": "code",
                                 "code": "9999", "created_at": "2030-03-17T17:46:41Z" });
        assert!(needs_entrances(&&params, SENT, &&fits, &wanted));
        assert!(!needs_entrances(&&params, SENT, &&other_code, &wanted));
        let entrances = [json!({ "acs_entrance_id": "e2" }), json!({ "name": "no id" })];
        let entrances: Vec<&Value> = entrances.iter().collect();
        assert_eq!(entrance_ids(&entrances), ["e2"]);
    }

    #[test]
    fn dates_match_as_instants_and_entrances_as_sets() {
        let params = json!({ "acs_user_id": "u1", "access_method": "code", "ends_at": "2031-01-01T01:00:00+01:00",
                             "allowed_acs_entrance_ids": ["e2", "e1"] });
        let made = credential("a", "5555", "2030-03-17T17:50:00Z");
        let found = |entrances: Option<&[&str]>| {
            let entrance_ids = entrances.map(|ids| ids.iter().map(|id| (*id).to_owned()).collect());
            reconcile(
                &&params,
                SENT,
                &[Candidate {
                    credential: &made,
                    entrance_ids,
                }],
                &[],
            )
        };
        assert_eq!(
            found(Some(&["e1", "e2"])),
            Match::Created("a".into()),
            "the same instant, the same set"
        );
        assert_eq!(found(Some(&["e1"])), Match::Nothing);
        assert_eq!(
            found(None),
            Match::Nothing,
            "entrances asked for but not looked up never match"
        );
        let later = json!({ "acs_user_id": "u1", "access_method": "code", "ends_at": "2031-01-02T00:00:00Z" });
        assert_eq!(run(&later, &[made], &[]), Match::Nothing);
    }
}
