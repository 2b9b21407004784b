// The namespaces mirror the URL tree at any depth, as @seamapi/http's do; the client
// exposes exactly the documented /acs/, /action_attempts/ and /user_identities/ endpoints, one
// frozen tree per client and namespace.
//
//   cd tests && node --test imports/namespaces.test.mjs

import assert from 'node:assert/strict'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, it } from 'node:test'

import { SeamClient } from 'seam-acs-wasm'
import { PKG_DIR } from '../integration/servers.mjs'
import { documented, loadOpenApi, methodPath, paginated, underPrefixes } from '../contract/documented.mjs'

/** The tree's shape: a namespace as an object of its members, a method as its arity-free marker. */
function shape(node) {
  return Object.fromEntries(
    Object.entries(node)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, child]) => [name, typeof child === 'function' || child === 'method' ? 'method' : shape(child)]),
  )
}

describe('namespaces', () => {
  it('mirror the URL tree at any depth (the naming, on a made-up endpoint table)', async () => {
    // shared.js ships in the package but is not part of its API: imported here by path.
    const { namespaces } = await import(pathToFileURL(path.join(PKG_DIR, 'shared.js')).href)
    const tree = namespaces([
      ['/acs/credentials/list_accessible_entrances', false],
      ['/acs/credentials/unmanaged/list', true],
      ['/acs/credentials/unmanaged/get', false],
      ['/acs/encoders/simulate/next_credential_encode_will_fail', false],
      ['/user_identities/list', false],
    ])
    assert.deepEqual(shape(tree), {
      acs: {
        credentials: {
          listAccessibleEntrances: 'method',
          unmanaged: { get: 'method', iterate: 'method', list: 'method', listPage: 'method' },
        },
        encoders: { simulate: { nextCredentialEncodeWillFail: 'method' } },
      },
      userIdentities: { list: 'method' },
    })
    // Each leaf makes a client's method, which calls the one export with its path.
    const calls = []
    const client = {
      __call: (...args) => calls.push(['call', ...args]),
      __iterate: (...args) => calls.push(['iterate', ...args]),
    }
    tree.acs.credentials.unmanaged.listPage(client)({ limit: 1 }, undefined)
    tree.acs.credentials.unmanaged.iterate(client)(undefined, { timeoutMs: 5 })
    tree.acs.encoders.simulate.nextCredentialEncodeWillFail(client)({}, undefined)
    assert.deepEqual(calls, [
      ['call', '/acs/credentials/unmanaged/list', { limit: 1 }, undefined, true],
      ['iterate', '/acs/credentials/unmanaged/list', undefined, { timeoutMs: 5 }],
      ['call', '/acs/encoders/simulate/next_credential_encode_will_fail', {}, undefined, false],
    ])
  })

  it('a client exposes exactly the documented /acs/, /action_attempts/ and /user_identities/ endpoints of the contract, as frozen trees made once per client', async () => {
    const openapi = await loadOpenApi()
    const endpoints = documented(openapi)
    const all = underPrefixes(openapi)
    console.log(
      `# [namespaces] ${all.length} paths under the three prefixes, ${all.length - endpoints.length} undocumented or deprecated, ${endpoints.length} exposed`,
    )
    assert.equal(endpoints.length, 63)
    assert.equal(all.length - endpoints.length, 13)
    // The tree the contract implies, built here independently of the package's shared.js.
    const expected = {}
    for (const endpoint of endpoints) {
      const names = methodPath(endpoint.path)
      const action = names.pop()
      let node = expected
      for (const name of names) node = node[name] ??= {}
      node[action] = 'method'
      if (paginated(endpoint)) Object.assign(node, { listPage: 'method', iterate: 'method' })
    }
    const seam = SeamClient.fromApiKey('seam_apikey1_secret', { endpoint: 'http://127.0.0.1:9' })
    // The package's own bulk methods, beside the contract's.
    Object.assign(expected.acs.credentials, {
      createMany: 'method',
      deleteMany: 'method',
      assignMany: 'method',
      unassignMany: 'method',
    })
    const made = {
      acs: shape(seam.acs),
      actionAttempts: shape(seam.actionAttempts),
      userIdentities: shape(seam.userIdentities),
    }
    assert.deepEqual(made, shape(expected))
    // The names the official client uses, spelled out.
    assert.equal(made.acs.encoders.encodeCredential, 'method')
    assert.equal(made.acs.encoders.simulate.nextCredentialEncodeWillFail, 'method')
    assert.equal(made.acs.users.listAccessibleEntrances, 'method')
    assert.equal(made.userIdentities.listAcsUsers, 'method')
    assert.equal(made.actionAttempts.get, 'method')
    assert.equal(made.acs.credentials.unmanaged, undefined, 'undocumented: not exposed')
    assert.equal(seam.clientSessions, undefined, 'not exposed')
    assert.equal(seam.acs, seam.acs, 'made once')
    assert.equal(seam.userIdentities, seam.userIdentities, 'made once')
    assert.ok(
      Object.isFrozen(seam.acs) && Object.isFrozen(seam.acs.credentials) && Object.isFrozen(seam.acs.encoders.simulate),
    )
    assert.ok(Object.isFrozen(seam.actionAttempts) && Object.isFrozen(seam.userIdentities.unmanaged))
    const other = SeamClient.fromApiKey('seam_apikey1_secret', { endpoint: 'http://127.0.0.1:9' })
    assert.notEqual(other.acs, seam.acs, 'one tree per client')
  })

  it('iterate() gives an async iterator with return(), which `break` calls', async () => {
    const seam = SeamClient.fromApiKey('seam_apikey1_secret', { endpoint: 'http://127.0.0.1:9' })
    const iterator = seam.acs.entrances.iterate()
    assert.equal(iterator[Symbol.asyncIterator](), iterator)
    assert.deepEqual(await iterator.return('value'), { value: 'value', done: true })
    // Ended before its first page: nothing is fetched (the port would refuse it).
    assert.deepEqual(await iterator.next(), { value: undefined, done: true })
  })
})
