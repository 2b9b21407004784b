// Answers as Seam's servers really send them, read by the built package: `null` on every
// property the pinned contract does not require (found in the contract itself, at any
// depth), and one odd record in a page of 100, in lenient (the default) and strict mode.
//
// Run: node tests/link-package.mjs && cd tests && node --test integration/answers.test.mjs

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

import { SeamClient, SeamParseError, parseAcsCredential } from 'seam-acs-wasm'

import { credential, entrance, ok, startFaultServer } from '../reliability/fault-server.mjs'
import { REPO_DIR, extractOpenApi } from './servers.mjs'

const openapi = JSON.parse(readFileSync(extractOpenApi(path.join(REPO_DIR, 'target/contract/openapi.json')), 'utf8'))
const MODES = ['lenient', 'strict']

/**
 * Every property of `schema` that the contract does not require, at any depth, as a list
 * of steps: a property name, or `[]` for "the items of this array".
 */
function optionalPaths(schema, at = []) {
  const out = []
  if (schema.items) return optionalPaths(schema.items, [...at, []])
  if (!schema.properties && schema.oneOf) return optionalPaths(schema.oneOf[0], at)
  const required = new Set(schema.required ?? [])
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (!required.has(name)) out.push([...at, name])
    out.push(...optionalPaths(child, [...at, name]))
  }
  return out
}

/** A copy of `record` with the property at `steps` set to `null`, made where it is missing. */
function withNull(record, steps) {
  const copy = structuredClone(record)
  let node = copy
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1
    if (Array.isArray(step)) {
      node = node[0] ??= {}
    } else if (last) {
      node[step] = null
    } else {
      const next = Array.isArray(steps[i + 1]) ? [] : {}
      if (node[step] === null || typeof node[step] !== 'object') node[step] = next
      node = node[step]
    }
  }
  return copy
}

let server
before(async () => {
  server = await startFaultServer()
})
after(() => server.close())

/** A client in `mode` whose reported issues are collected in `issues`. */
function client(mode, issues) {
  return SeamClient.fromApiKey('seam_testkey_answers_0000000000', {
    endpoint: server.url,
    maxRetries: 0,
    answers: mode,
    onAnswerIssue: (issue) => issues.push(issue),
  })
}

describe('null on every optional property of the contract', () => {
  for (const [schema, make, list, key] of [
    ['acs_credential', credential, '/acs/credentials/list', 'acs_credentials'],
    ['acs_entrance', entrance, '/acs/entrances/list', 'acs_entrances'],
  ]) {
    const paths = optionalPaths(openapi.components.schemas[schema])
    const records = paths.map((steps, i) => withNull(make(i + 1), steps))

    for (const mode of MODES) {
      it(`${schema}: ${paths.length} records, each with one optional property null, list in ${mode} mode with no issue`, async () => {
        const issues = []
        server.script(list, [ok.page(records, { key })])
        const seam = client(mode, issues)
        const page = await (key === 'acs_credentials' ? seam.acs.credentials : seam.acs.entrances).list({})
        assert.equal(page.length, paths.length)
        assert.deepEqual(page, records, 'the records as Seam sent them, nulls included')
        assert.deepEqual(issues, [])
        seam.free()
      })
    }
    if (schema === 'acs_credential') {
      it(`acs_credential: parseAcsCredential takes each of the ${paths.length} in both modes`, () => {
        for (const mode of MODES) {
          for (const record of records) {
            const issues = []
            assert.deepEqual(
              parseAcsCredential(record, { answers: mode, onAnswerIssue: (i) => issues.push(i) }),
              record,
            )
            assert.deepEqual(issues, [])
          }
        }
      })
    }
    it(`${schema}: the contract's optional properties were all found`, () => {
      // Nested ones count one each (`visionline_metadata` and every property in it).
      assert.equal(paths.length, schema === 'acs_credential' ? 32 : 59)
    })
  }
})

describe('one odd record in a page of 100', () => {
  const records = Array.from({ length: 100 }, (_, i) => credential(i + 1))
  records[57].is_managed = 'yes'

  it('lenient: all 100 records, one issue reported with where, what and the request id', async () => {
    const issues = []
    server.script('/acs/credentials/list', [ok.page(records)])
    const seam = client('lenient', issues)
    const page = await seam.acs.credentials.list({})
    assert.equal(page.length, 100)
    assert.equal(page[57].is_managed, 'yes', 'the record as Seam sent it')
    assert.deepEqual(issues, [
      {
        endpoint: '/acs/credentials/list',
        path: 'acs_credentials[57].is_managed',
        expected: 'a boolean',
        got: 'a string',
        requestId: 'req_fault_test',
      },
    ])
    seam.free()
  })

  it('strict: a SeamParseError naming the record and the property', async () => {
    const issues = []
    server.script('/acs/credentials/list', [ok.page(records)])
    const seam = client('strict', issues)
    await assert.rejects(seam.acs.credentials.list({}), (error) => {
      assert.ok(error instanceof SeamParseError)
      assert.equal(error.path, 'acs_credentials[57].is_managed')
      assert.equal(error.statusCode, 200)
      return true
    })
    assert.deepEqual(issues, [])
    seam.free()
  })

  it('the same choice on parseAcsCredential', () => {
    const issues = []
    assert.deepEqual(parseAcsCredential(records[57], { onAnswerIssue: (i) => issues.push(i) }), records[57])
    assert.deepEqual(issues, [
      { endpoint: null, path: 'is_managed', expected: 'a boolean', got: 'a string', requestId: null },
    ])
    assert.throws(
      () => parseAcsCredential(records[57], { answers: 'strict' }),
      (error) => error instanceof SeamParseError && error.path === 'is_managed',
    )
  })
})
