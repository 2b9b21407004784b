//! The overlay cannot rot: an entry that no longer fits the contract stops the generator.

use xtask::model::build;

fn load() -> (xtask::openapi::Contract, xtask::overlay::Overlay) {
    xtask::load(&xtask::root()).unwrap_or_else(|error| panic!("{error}"))
}

fn refused(mutate: impl FnOnce(&mut xtask::overlay::Overlay)) -> String {
    let (contract, mut overlay) = load();
    mutate(&mut overlay);
    match build(&contract, &overlay) {
        Ok(_) => panic!("the generator accepted an overlay that does not fit the contract"),
        Err(error) => error,
    }
}

fn entry<'a>(overlay: &'a mut xtask::overlay::Overlay, path: &str) -> &'a mut xtask::overlay::EndpointOverlay {
    overlay
        .endpoint
        .iter_mut()
        .find(|e| e.path == path)
        .unwrap_or_else(|| panic!("{path} is not exposed"))
}

#[test]
fn the_overlay_as_committed_fits_the_contract() {
    let (contract, overlay) = load();
    let api = build(&contract, &overlay).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(api.endpoints.len(), overlay.endpoint.len());
    assert!(api.endpoints.iter().any(|e| e.path == "/acs/systems/list"));
}

#[test]
fn a_quote_the_contract_no_longer_has_is_refused() {
    let error = refused(|overlay| {
        let rule = &mut entry(overlay, "/acs/credentials/create").rules[0];
        rule.quote = Some("You must provide a fax number.".to_owned());
    });
    assert!(error.contains("no longer in the contract"), "{error}");
}

#[test]
fn a_stricter_check_where_the_contract_now_says_otherwise_is_refused() {
    let error = refused(|overlay| {
        entry(overlay, "/acs/credentials/update").stricter[0].contract = "string format=uuid".to_owned();
    });
    assert!(
        error.contains("acs_credential_id") && error.contains("now says `string`"),
        "{error}"
    );
}

#[test]
fn requiring_what_the_contract_now_requires_is_refused() {
    let error = refused(|overlay| {
        let stricter = &mut entry(overlay, "/acs/credentials/update").stricter[0];
        assert_eq!(stricter.param, "acs_credential_id");
        stricter.required = true;
    });
    assert!(
        error.contains("acs_credential_id") && error.contains("so does the contract now"),
        "{error}"
    );
}

#[test]
fn maybe_where_the_contract_has_a_response_key_is_refused() {
    let error = refused(|overlay| entry(overlay, "/acs/credentials/get").returns = Some("maybe".to_owned()));
    assert!(error.contains("has an x-response-key"), "{error}");
}

#[test]
fn a_scheme_that_is_neither_supported_nor_listed_is_refused() {
    let error = refused(|overlay| overlay.unsupported_schemes.retain(|s| s != "support_read_only_token"));
    assert!(error.contains("support_read_only_token"), "{error}");
}

#[test]
fn a_query_endpoint_without_a_get_is_refused() {
    let error = refused(|overlay| entry(overlay, "/acs/credentials/create").query = true);
    assert!(error.contains("no GET"), "{error}");
}

#[test]
fn a_shallow_resource_keeps_its_top_level_and_leaves_its_objects_unread() {
    use xtask::model::{Object, Shape};
    let (contract, overlay) = load();
    let api = build(&contract, &overlay).unwrap_or_else(|error| panic!("{error}"));
    let device = api
        .resources
        .iter()
        .find(|r| r.schema == "device")
        .unwrap_or_else(|| panic!("no device resource"));
    assert!(device.shallow);
    let (Shape::Object(full), Shape::Object(shallow)) = (&device.shape, device.shape.shallow()) else {
        panic!("device is not an object");
    };
    assert_eq!(shallow.fields.len(), full.fields.len());
    assert_eq!(shallow.required, vec!["device_id".to_owned()]);
    let kind = |object: &Object, name: &str| {
        object
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.shape.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert!(matches!(kind(full, "properties"), Shape::Object(o) if o.fields.len() > 50));
    assert_eq!(kind(&shallow, "properties"), Shape::Object(Object::default()));
    assert_eq!(
        kind(&shallow, "errors"),
        Shape::List(Box::new(Shape::Object(Object::default())))
    );
    assert_eq!(kind(&shallow, "is_managed"), Shape::Bool);
    assert!(
        api.resources.iter().filter(|r| r.shallow).count() == 1,
        "only device is shallow"
    );
}
