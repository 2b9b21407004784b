// The JS the package ships against its declarations: what index.d.ts declares exists at run
// time, and what the package exposes at run time is declared. Read with TypeScript's
// compiler API (the program's view of `seam-acs-wasm`), compared with the loaded module:
// the exports, and the members of SeamClient, its `acs` namespaces, the iterator
// `iterate()` returns, and the error classes. Internal members (`__…`) are left out.
//
// Run: node tests/link-package.mjs && cd tests && node --test imports/declarations.test.mjs

import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'

import * as seam from 'seam-acs-wasm'
import ts from 'typescript'

import { PKG_DIR } from '../integration/servers.mjs'

const program = ts.createProgram([path.join(PKG_DIR, 'index.d.ts')], {
  strict: true,
  noEmit: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
})
const checker = program.getTypeChecker()
const module = checker.getSymbolAtLocation(program.getSourceFile(path.join(PKG_DIR, 'index.d.ts')))

/** A symbol's name as the runtime names it: `[Symbol.dispose]` → Symbol.dispose. */
const runtimeName = (symbol) => {
  const name = symbol.getName()
  return name.startsWith('__@') ? `Symbol.${name.slice(3).replace(/@\d+$/, '')}` : name
}

/** The names a type declares (properties and methods; optional ones only if `optional`). */
const declaredMembers = (type, { optional = true } = {}) =>
  checker
    .getPropertiesOfType(type)
    .filter((symbol) => optional || !(symbol.flags & ts.SymbolFlags.Optional))
    .map(runtimeName)
    .sort()

/** A symbol key as TypeScript names it: a well-known symbol by its name (Node 20's
 * `Symbol.dispose` is described "nodejs.dispose"). */
function symbolName(key) {
  const known = Object.getOwnPropertyNames(Symbol).find((name) => Symbol[name] === key)
  return `Symbol.${known ?? key.description}`
}

/** The names a runtime object has: own and inherited up to Object.prototype, strings and symbols. */
function runtimeMembers(object) {
  const names = new Set()
  for (let o = object; o != null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) {
      if (key === 'constructor' || (typeof key === 'string' && key.startsWith('__'))) continue
      names.add(typeof key === 'symbol' ? symbolName(key) : key)
    }
  }
  return [...names].sort()
}

const exported = (name) => checker.getExportsOfModule(module).find((symbol) => symbol.getName() === name)
const typeOf = (name) => checker.getDeclaredTypeOfSymbol(exported(name))
const staticSide = (name) => checker.getTypeOfSymbol(exported(name))

test('every value export is declared, and every declared value is exported', () => {
  const declared = checker
    .getExportsOfModule(module)
    .filter((symbol) => symbol.flags & ts.SymbolFlags.Value)
    .map((symbol) => symbol.getName())
    .sort()
  // `default` is Node's view of the CommonJS build (node.cjs) under `import * as`, not an export.
  assert.deepEqual(
    Object.keys(seam)
      .filter((name) => name !== 'default')
      .sort(),
    declared,
  )
})

test('SeamClient: its statics and its instance members, Symbol.dispose included', () => {
  const client = seam.SeamClient.fromApiKey('seam_testkey_declarations_000000')
  try {
    const statics = Object.getOwnPropertyNames(seam.SeamClient).filter(
      (name) => !['length', 'name', 'prototype'].includes(name) && !name.startsWith('__'),
    )
    assert.deepEqual(
      statics.sort(),
      declaredMembers(staticSide('SeamClient')).filter((name) => name !== 'prototype'),
    )
    assert.deepEqual(runtimeMembers(client), declaredMembers(typeOf('SeamClient')))
  } finally {
    client.free()
  }
})

test("each `acs` namespace's methods, and the iterator `iterate()` returns", () => {
  const client = seam.SeamClient.fromApiKey('seam_testkey_declarations_000000')
  try {
    const acsType = checker.getTypeOfSymbol(checker.getPropertyOfType(typeOf('SeamClient'), 'acs'))
    assert.deepEqual(Object.keys(client.acs).sort(), declaredMembers(acsType))
    for (const group of Object.keys(client.acs)) {
      const groupType = checker.getTypeOfSymbol(checker.getPropertyOfType(acsType, group))
      assert.deepEqual(Object.keys(client.acs[group]).sort(), declaredMembers(groupType), group)
    }
    const iterator = client.acs.credentials.iterate()
    const iterateType = checker.getTypeOfSymbol(
      checker.getPropertyOfType(checker.getTypeOfSymbol(checker.getPropertyOfType(acsType, 'credentials')), 'iterate'),
    )
    const returned = checker.getReturnTypeOfSignature(iterateType.getCallSignatures()[0])
    const missing = declaredMembers(returned, { optional: false }).filter(
      (name) => !runtimeMembers(iterator).includes(name),
    )
    assert.deepEqual(missing, [], 'declared on the iterator but missing at run time')
  } finally {
    client.free()
  }
})

test('every error class: declared as exported, and a SeamError', () => {
  for (const [name, value] of Object.entries(seam)) {
    if (!name.endsWith('Error')) continue
    assert.ok(value.prototype instanceof Error, name)
    assert.ok(name === 'SeamError' || value.prototype instanceof seam.SeamError, name)
    assert.ok(exported(name), name)
  }
})
