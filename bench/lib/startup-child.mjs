// One start-up sample in a fresh Node process: import the library by name, make a client,
// and wait for the first `credentials.get` to be answered. Prints one JSON line and exits.
//   node startup-child.mjs ours|official <endpoint> <acs_credential_id>

const [lib, endpoint, id] = process.argv.slice(2)
const API_KEY = 'seam_benchkey1_seamAcsWasmBench00000000001'

const t0 = performance.now()
let credential
let tImport
if (lib === 'ours') {
  const { SeamClient } = await import('seam-acs-wasm')
  tImport = performance.now()
  const seam = SeamClient.fromApiKey(API_KEY, { endpoint })
  credential = await seam.acs.credentials.get({ acs_credential_id: id })
} else {
  const { SeamHttp } = await import('@seamapi/http/connect')
  tImport = performance.now()
  const seam = SeamHttp.fromApiKey(API_KEY, { endpoint })
  credential = await seam.acs.credentials.get({ acs_credential_id: id })
}
const t1 = performance.now()
if (credential?.acs_credential_id !== id) {
  console.error(`startup-child: wrong answer from ${lib}`)
  process.exit(1)
}
process.stdout.write(JSON.stringify({ importMs: tImport - t0, readyMs: t1 - t0, sinceProcessStartMs: t1 }) + '\n')
process.exit(0)
