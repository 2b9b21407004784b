// The package's hand-written TypeScript declarations list every property of the pinned
// contract: a property Seam documents but index.d.ts lacks fails here, by name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const openapiPath = path.join(root, "target/contract/openapi.json");
execFileSync(process.execPath, [path.join(here, "extract-openapi.mjs"), openapiPath]);
const openapi = JSON.parse(readFileSync(openapiPath, "utf8"));
const declarations = readFileSync(path.join(root, "crates/wasm/js/index.d.ts"), "utf8");

/** The text of `export interface NAME … }` (up to the next top-level closing brace). */
function block(start) {
  const at = declarations.indexOf(start);
  assert.ok(at >= 0, `index.d.ts has no ${start}`);
  const end = declarations.indexOf("\n}", at);
  return declarations.slice(at, end);
}

/** Every property name of a schema, nested objects and array items included, as dotted paths. */
function properties(schema, prefix = "") {
  const out = [];
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  for (const variant of variants) out.push(...properties(variant, prefix));
  if (schema.items) out.push(...properties(schema.items, prefix));
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    out.push(prefix + name);
    out.push(...properties(child, `${prefix}${name}.`));
  }
  return out;
}

/** Whether the last segment of `property` is declared in `text`. */
function declared(text, property) {
  const name = property.split(".").at(-1);
  return new RegExp(`\\b${name}\\??:`).test(text);
}

function missing(text, names) {
  return [...new Set(names)].filter((name) => !declared(text, name));
}

test("AcsCredential and AcsEntrance declare every contract property", () => {
  const schemas = openapi.components.schemas;
  // errors[] and warnings[] items are declared as interfaces of their own.
  const errors = block("export interface ResourceError {");
  const credential = block("export interface AcsCredential {") + errors + block("export interface CredentialWarning {");
  const entrance = block("export interface AcsEntrance {") + errors + block("export interface EntranceWarning {");
  assert.deepEqual(missing(credential, properties(schemas.acs_credential)), []);
  assert.deepEqual(missing(entrance, properties(schemas.acs_entrance)), []);
});

test("each parameter interface declares every request parameter of its endpoint", () => {
  const interfaces = {
    "/acs/credentials/create": "export interface CreateCredentialParams",
    "/acs/credentials/list": "export interface ListCredentialsParams",
    "/acs/credentials/update": "export interface UpdateCredentialParams",
    "/acs/credentials/assign": "export interface AssignCredentialParams",
    "/acs/entrances/list": "export interface ListEntrancesParams",
    "/acs/entrances/list_credentials_with_access": "export interface ListCredentialsWithAccessParams",
  };
  // assign's user ids come from the shared UserChoice interface it extends.
  const shared = block("interface UserChoice {");
  for (const [endpoint, start] of Object.entries(interfaces)) {
    const body = openapi.paths[endpoint].post.requestBody.content["application/json"].schema;
    const text = block(start) + shared;
    assert.deepEqual(missing(text, properties(body)), [], endpoint);
  }
});
