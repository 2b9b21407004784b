// The namespaces mirror the URL tree at any depth, as @seamapi/http's do; the client
// exposes exactly the /acs/ endpoints, one frozen tree per client.
//
//   cd tests && node --test imports/namespaces.test.mjs

import assert from 'node:assert/strict'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, it } from 'node:test'

import { SeamClient } from 'seam-acs-wasm'
import { PKG_DIR } from '../integration/servers.mjs'

/** The tree's shape: a namespace as an object of its members, a method as its arity-free marker. */
function shape(node) {
  return Object.fromEntries(
    Object.entries(node)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, child]) => [name, typeof child === 'function' ? 'method' : shape(child)]),
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

  it('a client exposes exactly the /acs/ endpoints, as one frozen tree made once per client', () => {
    const seam = SeamClient.fromApiKey('seam_apikey1_secret', { endpoint: 'http://127.0.0.1:9' })
    assert.deepEqual(shape(seam.acs), {
      credentials: {
        assign: 'method',
        create: 'method',
        createMany: 'method',
        delete: 'method',
        deleteMany: 'method',
        get: 'method',
        iterate: 'method',
        list: 'method',
        listAccessibleEntrances: 'method',
        listPage: 'method',
        unassign: 'method',
        update: 'method',
      },
      entrances: { get: 'method', iterate: 'method', list: 'method', listCredentialsWithAccess: 'method', listPage: 'method' },
      systems: { list: 'method' },
    })
    assert.equal(seam.clientSessions, undefined, 'not exposed')
    assert.equal(seam.acs, seam.acs, 'made once')
    assert.ok(Object.isFrozen(seam.acs) && Object.isFrozen(seam.acs.credentials))
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
