//! A run's report, written as plain data for `JSON.stringify`, and read back to resume.

use crate::convert::{self, property};
use crate::run::State;
use seam_acs_core::bulk::{Action, Status};
use seam_acs_core::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// `{ action, total, counts, rateLimited, items }`, each item
/// `{ index, status, credential?, error?, sentAt? }`.
pub(crate) fn write(s: &State) -> JsValue {
    let done = s.action.done_name();
    let mut counts = [0u32; 4];
    let items: js_sys::Array = s
        .run
        .statuses()
        .iter()
        .enumerate()
        .map(|(i, status)| {
            let (kind, name) = match status {
                Status::Done { .. } => (0, done),
                Status::Failed => (1, "failed"),
                Status::Unknown { .. } => (2, "unknown"),
                Status::NotStarted => (3, "not_started"),
            };
            if let Some(count) = counts.get_mut(kind) {
                *count += 1;
            }
            let mut fields = vec![("index", JsValue::from(i as f64)), ("status", name.into())];
            match s.credentials.get(i) {
                Some(credential) if kind == 0 && !credential.is_undefined() => {
                    fields.push(("credential", credential.clone()))
                }
                _ => {}
            }
            match s.errors.get(i) {
                Some(error) if matches!(kind, 1 | 2) && !error.is_undefined() => fields.push(("error", error.clone())),
                _ => {}
            }
            if let Status::Unknown { sent_at } = status {
                fields.push(("sentAt", JsValue::from(*sent_at as f64)));
            }
            convert::object(&fields)
        })
        .collect();
    let [created, failed, unknown, not_started] = counts.map(JsValue::from);
    let counts = convert::object(&[
        (done, created),
        ("failed", failed),
        ("unknown", unknown),
        ("not_started", not_started),
    ]);
    convert::object(&[
        ("action", JsValue::from_str(s.action.name())),
        ("total", JsValue::from(s.items.len() as f64)),
        ("counts", counts),
        ("rateLimited", JsValue::from(s.rate_limited)),
        ("items", items.into()),
    ])
}

/// An earlier report's statuses and credentials, if it is a report of `action` over
/// `total` items: done items stay done, unknown ones are reconciled, the rest sent.
pub(crate) fn read(action: Action, report: &JsValue, total: usize) -> Option<(Vec<Status>, Vec<JsValue>)> {
    if property(report, "action")?.as_string()? != action.name() {
        return None;
    }
    let items = property(report, "items")?;
    let items = items.dyn_ref::<js_sys::Array>()?;
    if items.length() as usize != total {
        return None;
    }
    let mut statuses = Vec::with_capacity(total);
    let mut credentials = Vec::with_capacity(total);
    for item in items.iter() {
        let status = property(&item, "status")?.as_string()?;
        let credential = property(&item, "credential").unwrap_or(JsValue::UNDEFINED);
        let id = property(&credential, "acs_credential_id").and_then(|id| id.as_string());
        let sent_at = property(&item, "sentAt").and_then(|at| at.as_f64());
        statuses.push(action.status_from_report(&status, id, sent_at)?);
        credentials.push(credential);
    }
    Some((statuses, credentials))
}
