#!/usr/bin/env node
// Gives the functions the wasm imports from wasm-bindgen's glue, and everything it exports, short
// names, in the module and in the glue alike: `__wbg_fetch_1870a9f33422f724` becomes `$6`, and
// `seamclient_fromApiKey` becomes `$k`. wasm-bindgen makes each import name unique with 16 hex
// digits of hash, which gzip cannot compress and which the package would otherwise carry twice
// (in the wasm's import section and as the glue's object keys), for about seventy imports; its
// export names are long too, and read by the glue alone (`wasm.<name>`); the glue's module name
// (`./seam_acs_wasm_bg.js`, on every import) becomes `g`. Nothing but the names
// changes; the build fails if an import is not exactly once a key of the glue's import object, or
// the glue reads an export the module does not have.
//
//   node scripts/short-names.mjs <glue.js> <in.wasm> <out.wasm>   (rewrites glue.js in place)

import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'

const [gluePath, inPath, outPath] = process.argv.slice(2)
/** The module the wasm imports the glue's functions from, as wasm-bindgen names it: `./<name>_bg.js`. */
const GLUE_MODULE = `./${basename(inPath, '.wasm')}.js`
const SHORT_MODULE = 'g'
const wasm = readFileSync(inPath)
let glue = readFileSync(gluePath, 'utf8')

/** Reads an unsigned LEB128 number at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0
  let shift = 0
  let byte
  do {
    byte = bytes[at++]
    value += (byte & 0x7f) * 2 ** shift
    shift += 7
  } while (byte & 0x80)
  return [value, at]
}

function encodeLeb(value) {
  const out = []
  do {
    let byte = value & 0x7f
    value = Math.floor(value / 128)
    if (value > 0) byte |= 0x80
    out.push(byte)
  } while (value > 0)
  return Buffer.from(out)
}

const encodeName = (text) => {
  const bytes = Buffer.from(text, 'utf8')
  return Buffer.concat([encodeLeb(bytes.length), bytes])
}

/** The offset after an import's description (what it imports), whose kind byte is at `at`. */
function skipDescription(bytes, at) {
  const kind = bytes[at++]
  const limits = (from) => {
    const flags = bytes[from]
    let next = leb(bytes, from + 1)[1]
    if (flags & 1) next = leb(bytes, next)[1]
    return next
  }
  switch (kind) {
    case 0: // a function: its type index
      return leb(bytes, at)[1]
    case 1: // a table: its element type, then limits
      return limits(at + 1)
    case 2: // a memory: limits
      return limits(at)
    case 3: // a global: value type and mutability
      return at + 2
    default:
      throw new Error(`short-names: an import of kind ${kind}, which this script does not know`)
  }
}

/** The export section between `start` and `end` with short names, which the glue reads instead. */
function exportSection(start, end) {
  let [count, pos] = leb(wasm, start)
  const body = [encodeLeb(count)]
  const names = new Map()
  for (; count > 0; count--) {
    const [nameLength, nameStart] = leb(wasm, pos)
    const name = new TextDecoder().decode(wasm.subarray(nameStart, nameStart + nameLength))
    const kindAt = nameStart + nameLength
    const next = leb(wasm, kindAt + 1)[1]
    const short = `$${names.size.toString(36)}`
    names.set(name, short)
    body.push(encodeName(short), wasm.subarray(kindAt, next))
    pos = next
  }
  if (pos !== end) throw new Error('short-names: the export section did not end where its size says')
  glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
    const short = names.get(name)
    if (short === undefined)
      throw new Error(`short-names: the glue reads wasm.${name}, which the module does not export`)
    return `wasm.${short}`
  })
  const content = Buffer.concat(body)
  return Buffer.concat([Buffer.from([7]), encodeLeb(content.length), content])
}

const parts = [wasm.subarray(0, 8)]
let at = 8
let renamed = 0
while (at < wasm.length) {
  const id = wasm[at]
  const [size, start] = leb(wasm, at + 1)
  const end = start + size
  if (id === 7) {
    parts.push(exportSection(start, end))
    at = end
    continue
  }
  if (id !== 2) {
    parts.push(wasm.subarray(at, end))
    at = end
    continue
  }
  let [count, pos] = leb(wasm, start)
  const body = [encodeLeb(count)]
  const decoder = new TextDecoder()
  for (; count > 0; count--) {
    const [moduleLength, moduleStart] = leb(wasm, pos)
    const module = decoder.decode(wasm.subarray(moduleStart, moduleStart + moduleLength))
    const [nameLength, nameStart] = leb(wasm, moduleStart + moduleLength)
    const name = decoder.decode(wasm.subarray(nameStart, nameStart + nameLength))
    const descStart = nameStart + nameLength
    const descEnd = skipDescription(wasm, descStart)
    let newName = name
    if (module === GLUE_MODULE) {
      newName = `$${(renamed++).toString(36)}`
      // The key as wasm-bindgen writes it in the import object: `        <name>: function(`.
      const key = new RegExp(`^(\\s+)${name.replace(/\$/g, '\\$')}(: function\\()`, 'gm')
      const found = glue.match(key)?.length ?? 0
      if (found !== 1 || glue.split(name).length !== 2) {
        throw new Error(
          `short-names: ${name} is ${found} times a key of the glue's imports (and must be once, and nowhere else)`,
        )
      }
      glue = glue.replace(key, (_, indent, rest) => `${indent}${newName}${rest}`)
    }
    body.push(
      encodeName(module === GLUE_MODULE ? SHORT_MODULE : module),
      encodeName(newName),
      wasm.subarray(descStart, descEnd),
    )
    pos = descEnd
  }
  if (pos !== end) throw new Error('short-names: the import section did not end where its size says')
  const content = Buffer.concat(body)
  parts.push(Buffer.from([2]), encodeLeb(content.length), content)
  at = end
}
const moduleKey = `"${GLUE_MODULE}": import0,`
if (glue.split(moduleKey).length !== 2)
  throw new Error(`short-names: the glue does not name ${GLUE_MODULE} once as import0`)
glue = glue.replace(moduleKey, `"${SHORT_MODULE}": import0,`)
if (renamed === 0) throw new Error(`short-names: no import from ${GLUE_MODULE}`)
// wasm-bindgen 0.2.130 writes a crate's snippet module that the wasm imports from directly once
// per snippet file of that crate (`import * as import2` of the path import1 has, and its key
// again in the import object), which bundlers warn of as a duplicate key: the repeats go.
const firsts = new Map()
const repeats = []
glue = glue.replace(/^import \* as (import\d+) from "([^"]+)"\n/gm, (line, name, from) => {
  if (!firsts.has(from)) {
    firsts.set(from, name)
    return line
  }
  repeats.push(`\n        "${from}": ${name},`)
  return ''
})
for (const key of repeats) {
  if (glue.split(key).length !== 2) throw new Error(`short-names: ${key.trim()} is not once in the imports`)
  glue = glue.replace(key, '')
}
writeFileSync(outPath, Buffer.concat(parts))
writeFileSync(gluePath, glue)
console.log(`short-names: ${renamed} imports and every export renamed`)
