#!/usr/bin/env node
// Makes `import ... from "seam-acs-wasm"` resolve in tests/ and cli/ as it does for a user who
// installed the package: links {tests,cli}/node_modules/seam-acs-wasm to the built package
// (crates/wasm/pkg/, made by scripts/build-package.sh). Idempotent; run it before
// `node --test` (Node resolves a module's imports before running any of its code, so a
// test file cannot create the link for its own imports).
//
//   node tests/link-package.mjs        (from any directory)

import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const testsDir = dirname(fileURLToPath(import.meta.url))
const pkgDir = resolve(testsDir, '..', 'crates', 'wasm', 'pkg')
// tests/ and the seam-acs command (cli/), which takes the package as a peer dependency.
const consumers = [testsDir, resolve(testsDir, '..', 'cli')]

if (!existsSync(join(pkgDir, 'package.json'))) {
  console.error(`link-package: ${pkgDir} has no package.json; build it with scripts/build-package.sh`)
  process.exit(1)
}

for (const consumer of consumers) {
  const linkPath = join(consumer, 'node_modules', 'seam-acs-wasm')
  const target = relative(dirname(linkPath), pkgDir) // ../../crates/wasm/pkg
  mkdirSync(dirname(linkPath), { recursive: true })
  let current = null
  try {
    const stat = lstatSync(linkPath)
    current = stat.isSymbolicLink() ? readlinkSync(linkPath) : '(not a symlink)'
  } catch {
    // No link yet.
  }
  if (current !== target) {
    if (current !== null) rmSync(linkPath, { recursive: true, force: true })
    symlinkSync(target, linkPath, 'dir')
    console.log(`link-package: ${relative(process.cwd(), linkPath) || linkPath} -> ${target}`)
  }
}
