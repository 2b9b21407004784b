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

/** The declarations of a model: its interface and those of its nested objects. */
function model(name, nested) {
  return [name, "ResourceError", ...nested].map((part) => block(`export interface ${part} `)).join("\n");
}

const credential = model("AcsCredential", ["CredentialWarning", "VisionlineCredentialMetadata", "VostioCredentialMetadata"]);
const entrance = model("AcsEntrance", [
  "EntranceWarning",
  ...["Vostio", "AvigilonAlta", "Brivo", "DormakabaAmbiance", "DormakabaCommunity", "Hotek", "Latch", "SaltoKs"]
    .concat(["SaltoSpace", "Visionline"])
    .map((brand) => `${brand}EntranceMetadata`),
  "VisionlineDoorProfile",
]);

test("AcsCredential and AcsEntrance declare every contract property", () => {
  const schemas = openapi.components.schemas;
  assert.deepEqual(missing(credential, properties(schemas.acs_credential)), []);
  assert.deepEqual(missing(entrance, properties(schemas.acs_entrance)), []);
});

/** The names of the properties a schema does not require, at any depth. */
function optional(schema) {
  const out = [];
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  for (const variant of variants) out.push(...optional(variant));
  if (schema.items) out.push(...optional(schema.items));
  const required = new Set(schema.required ?? []);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (!required.has(name)) out.push(name);
    out.push(...optional(child));
  }
  return [...new Set(out)];
}

test("every property the contract does not require is declared `| null`, as servers send it", () => {
  const schemas = openapi.components.schemas;
  const notNullable = (text, names) => names.filter((name) => !new RegExp(`\\b${name}\\?: [^;\\n]*\\| null;`).test(text));
  const credentialOptional = optional(schemas.acs_credential);
  const entranceOptional = optional(schemas.acs_entrance);
  assert.deepEqual(notNullable(credential, credentialOptional), []);
  assert.deepEqual(notNullable(entrance, entranceOptional), []);
  // What the contract requires stays non-null: `null` there is reported as an issue.
  assert.match(credential, /\bdisplay_name\?: string;/);
  assert.equal(credentialOptional.length + entranceOptional.length > 60, true);
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
