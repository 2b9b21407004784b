#!/usr/bin/env node
// Writes the OpenAPI document of the pinned Seam contract (@seamapi/types) as JSON,
// for the Rust conformance test (crates/core/tests/contract.rs) to read.
//
//   node tests/contract/extract-openapi.mjs [OUT]
//
// OUT defaults to <repo>/target/contract/openapi.json. The package is resolved from the
// tests/ folder (its package.json pins it), so this works from any working directory.
// It refuses any version but the pinned one: the Rust models and endpoint table claim
// to match exactly that version.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const PACKAGE = '@seamapi/types'
const PINNED_VERSION = '1.977.0'

const testsDir = dirname(dirname(fileURLToPath(import.meta.url)))
const repoDir = dirname(testsDir)

function fail(message) {
  console.error(`extract-openapi: ${message}`)
  process.exit(1)
}

/** The folder of the installed package, as Node resolves it from tests/. */
function packageRoot() {
  const require = createRequire(join(testsDir, 'package.json'))
  let entry
  try {
    // The package does not export ./package.json, so resolve an entry it does export
    // and walk up to the folder that holds its package.json.
    entry = require.resolve(`${PACKAGE}/connect`)
  } catch (error) {
    fail(
      `${PACKAGE} is not installed under ${testsDir} (${error.code ?? error.message}); run \`npm ci --prefix tests\``,
    )
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      if (manifest.name === PACKAGE) return { dir, manifest }
    } catch {
      // No package.json here (or not JSON): keep walking up.
    }
  }
  fail(`could not find the package.json of ${PACKAGE} above ${entry}`)
}

const { dir, manifest } = packageRoot()
if (manifest.version !== PINNED_VERSION) {
  fail(
    `${PACKAGE} ${manifest.version} is installed in ${dir}, but the contract is pinned to ${PINNED_VERSION}; ` +
      'run `npm ci --prefix tests`',
  )
}

// Import the ES module the package's own exports map names for `import`.
const connectEntry = manifest.exports?.['./connect']?.import?.default
if (typeof connectEntry !== 'string') fail(`${PACKAGE}/package.json has no exports["./connect"].import.default`)
const { openapi } = await import(pathToFileURL(join(dir, connectEntry)).href)
if (openapi === null || typeof openapi !== 'object' || typeof openapi.paths !== 'object') {
  fail(`${PACKAGE}/connect does not export an OpenAPI document as \`openapi\``)
}

// Stamp the package version into the document (an OpenAPI `x-` extension: its own
// info.version is "1.0.0"), so the Rust test can refuse a stale file.
const document = { ...openapi, info: { ...openapi.info, 'x-seamapi-types-version': manifest.version } }

const out = resolve(process.argv[2] ?? join(repoDir, 'target', 'contract', 'openapi.json'))
mkdirSync(dirname(out), { recursive: true })
// Write then rename, so a reader never sees half a file.
const partial = `${out}.${process.pid}.tmp`
writeFileSync(partial, `${JSON.stringify(document, null, 2)}\n`)
renameSync(partial, out)
console.log(
  `extract-openapi: wrote ${PACKAGE} ${manifest.version} OpenAPI (${Object.keys(openapi.paths).length} paths) to ${out}`,
)
