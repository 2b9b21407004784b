// The package's TypeScript declarations list every property of the pinned contract: a property
// Seam documents but the declarations lack fails here, by name. The models and parameters are
// generated into api.d.ts (`cargo run -p xtask -- generate`); this reads the contract on its own,
// so a generator bug that drops a property is still caught.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const openapiPath = path.join(root, 'target/contract/openapi.json')
execFileSync(process.execPath, [path.join(here, 'extract-openapi.mjs'), openapiPath])
const openapi = JSON.parse(readFileSync(openapiPath, 'utf8'))
const declarations = ['index.d.ts', 'api.d.ts']
  .map((file) => readFileSync(path.join(root, 'crates/wasm/js', file), 'utf8'))
  .join('\n')

/** The text of `export interface NAME … }` (up to the next top-level closing brace). */
function block(start) {
  const at = declarations.indexOf(start)
  assert.ok(at >= 0, `index.d.ts has no ${start}`)
  const end = declarations.indexOf('\n}', at)
  return declarations.slice(at, end)
}

/** Every property name of a schema, nested objects and array items included, as dotted paths. */
function properties(schema, prefix = '') {
  const out = []
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]
  for (const variant of variants) out.push(...properties(variant, prefix))
  if (schema.items) out.push(...properties(schema.items, prefix))
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    out.push(prefix + name)
    out.push(...properties(child, `${prefix}${name}.`))
  }
  return out
}

/** Whether the last segment of `property` is declared in `text`. */
function declared(text, property) {
  const name = property.split('.').at(-1)
  return new RegExp(`\\b${name}\\??:`).test(text)
}

function missing(text, names) {
  return [...new Set(names)].filter((name) => !declared(text, name))
}

/** The declarations of a model: its interface and those of its nested objects (`AcsCredentialWarning`). */
function model(name) {
  const names = [...declarations.matchAll(/^export interface (\w+) /gm)].map((match) => match[1])
  const parts = names.filter((part) => part.startsWith(name) && !/^s|^Params|^Result/.test(part.slice(name.length)))
  assert.ok(parts.length > 1, `${name}: ${parts}`)
  return parts.map((part) => block(`export interface ${part} `)).join('\n')
}

const credential = model('AcsCredential')
const entrance = model('AcsEntrance')

test('AcsCredential and AcsEntrance declare every contract property', () => {
  const schemas = openapi.components.schemas
  assert.deepEqual(missing(credential, properties(schemas.acs_credential)), [])
  assert.deepEqual(missing(entrance, properties(schemas.acs_entrance)), [])
})

/** The names of the properties a schema does not require, at any depth. */
function optional(schema) {
  const out = []
  const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]
  for (const variant of variants) out.push(...optional(variant))
  if (schema.items) out.push(...optional(schema.items))
  const required = new Set(schema.required ?? [])
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (!required.has(name)) out.push(name)
    out.push(...optional(child))
  }
  return [...new Set(out)]
}

test('every property the contract does not require is declared `| null`, as servers send it', () => {
  const schemas = openapi.components.schemas
  // A type may span lines (a long union): up to the `;` that ends the property.
  const notNullable = (text, names) => names.filter((name) => !new RegExp(`\\b${name}\\?: [^;]*\\| null;`).test(text))
  const credentialOptional = optional(schemas.acs_credential)
  const entranceOptional = optional(schemas.acs_entrance)
  assert.deepEqual(notNullable(credential, credentialOptional), [])
  assert.deepEqual(notNullable(entrance, entranceOptional), [])
  // What the contract requires stays non-null: `null` there is reported as an issue.
  assert.match(credential, /\bdisplay_name\?: string;/)
  assert.equal(credentialOptional.length + entranceOptional.length > 60, true)
})

test('each parameter interface declares every request parameter of its endpoint', () => {
  const endpoints = Object.keys(openapi.paths).filter((endpoint) =>
    declarations.includes(`export interface ${pascal(endpoint)}Params `),
  )
  assert.ok(endpoints.length >= 12, endpoints.join())
  for (const endpoint of endpoints) {
    const body = openapi.paths[endpoint].post.requestBody.content['application/json'].schema
    const text = block(`export interface ${pascal(endpoint)}Params `)
    assert.deepEqual(missing(text, properties(body)), [], endpoint)
  }
})

/** `AcsCredentialsCreate` for `/acs/credentials/create`, as the generator names it. */
function pascal(endpoint) {
  return endpoint.replace(/(?:^|[/_])([a-z])/g, (_, letter) => letter.toUpperCase())
}
