//! The generator behind `cargo run -p xtask -- generate`: it writes the endpoint table, the answer shapes and the
//! TypeScript API from the pinned contract and `contract/overlay.toml`.
//!
//! The contract is read from `$SEAM_OPENAPI_JSON`, else `target/contract/openapi.json`, which
//! `node tests/contract/extract-openapi.mjs` writes from the pinned `@seamapi/types` in
//! tests/node_modules (this runs it when the file is missing). The output is deterministic and
//! committed; `scripts/test.sh` regenerates it and fails on any difference.

pub mod model;
pub mod models;
pub mod openapi;
pub mod overlay;
pub mod rust;
pub mod ts;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The generated files, relative to the workspace root.
pub const RUST_DIR: &str = "crates/core/src/generated";
pub const TS_FILE: &str = "crates/wasm/js/api.d.ts";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The pinned contract and the overlay, checked to be of the same version. Also what the
/// conformance tests of `seam-acs-core` read, so the document is read one way only.
pub fn load(root: &Path) -> Result<(openapi::Contract, overlay::Overlay), String> {
    let contract_path = std::env::var_os("SEAM_OPENAPI_JSON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/contract/openapi.json"));
    if !contract_path.exists() {
        extract(root, &contract_path)?;
    }
    let text = std::fs::read_to_string(&contract_path).map_err(|e| format!("{}: {e}", contract_path.display()))?;
    let document = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", contract_path.display()))?;
    let overlay_path = root.join("contract/overlay.toml");
    let overlay_text =
        std::fs::read_to_string(&overlay_path).map_err(|e| format!("{}: {e}", overlay_path.display()))?;
    let overlay: overlay::Overlay =
        toml::from_str(&overlay_text).map_err(|e| format!("{}: {e}", overlay_path.display()))?;
    let mut contract = openapi::Contract { document };
    for entry in &overlay.endpoint {
        if let Some(name) = &entry.answer_schema {
            contract
                .name_inline_answer(&entry.path, name)
                .map_err(|e| format!("{}: {e}", entry.path))?;
        }
    }
    let version = contract.document["info"]["x-seamapi-types-version"]
        .as_str()
        .unwrap_or_default();
    if version != overlay.contract_version {
        return Err(format!(
            "{} is @seamapi/types {version:?}, the overlay was written for {:?}: run `npm ci --prefix tests` \
             and `node tests/contract/extract-openapi.mjs {}`",
            contract_path.display(),
            overlay.contract_version,
            contract_path.display()
        ));
    }
    Ok((contract, overlay))
}

/// Writes every generated file; returns their paths.
pub fn generate(root: &Path) -> Result<Vec<String>, String> {
    let (contract, overlay) = load(root)?;
    let api = model::build(&contract, &overlay)?;
    let rust_files = [
        ("mod.rs", rust::mod_rs(&api)),
        ("endpoints.rs", rust::endpoints_rs(&api)),
        ("shapes.rs", rust::shapes_rs(&api)),
        ("models.rs", models::models_rs(&api)),
    ];
    let dir = root.join(RUST_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in rust_files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(format!("{RUST_DIR}/{name}"));
    }
    // Once all exist: rustfmt follows `mod` declarations.
    for path in &written {
        rustfmt(root, &root.join(path))?;
    }
    let path = root.join(TS_FILE);
    std::fs::write(&path, ts::api_d_ts(&api)).map_err(|e| format!("{}: {e}", path.display()))?;
    written.push(TS_FILE.to_owned());
    Ok(written)
}

/// Formats a written file as `cargo fmt` would (the workspace's rustfmt.toml applies).
fn rustfmt(root: &Path, path: &Path) -> Result<(), String> {
    let status = Command::new("rustfmt")
        .args(["--edition", "2021"])
        .arg(path)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("rustfmt failed on {}", path.display()))
    }
}

/// Writes the contract with the extraction script (it needs `npm ci --prefix tests`).
fn extract(root: &Path, path: &Path) -> Result<(), String> {
    let script = root.join("tests/contract/extract-openapi.mjs");
    let status = Command::new("node")
        .arg(&script)
        .arg(path)
        .status()
        .map_err(|e| format!("{} is missing and node cannot be run: {e}", path.display()))?;
    if status.success() && path.exists() {
        Ok(())
    } else {
        Err(format!(
            "{} is missing and `node {}` failed: install the pinned contract with `npm ci --prefix tests`",
            path.display(),
            script.display()
        ))
    }
}
