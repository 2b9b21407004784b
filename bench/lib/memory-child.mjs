// Memory of seam-acs-wasm over many calls, in its own process (run with --expose-gc):
// warm up, then N `credentials.get` calls, sampling heapUsed, rss and the wasm linear
// memory every `every` calls after gc(); then one list(10k), for the wasm memory it leaves.
// Prints one JSON line.
//   node --expose-gc memory-child.mjs <endpoint> <ids-json> <warmup> <calls> <every> [plain]
//
// With `plain`, the same calls are a bare fetch GET + JSON.parse, without the package:
// the control for rss, which Node's fetch (undici) moves by 15-20 MB on its own.
//
// The package exposes no memory figure. Its wasm memory is read by observing the
// engine's WebAssembly.Instance constructor while the package is imported (an engine-level
// hook: no package internals are touched); without it only rss and heapUsed are reported.

const [endpoint, idsJson, warmupArg, callsArg, everyArg] = process.argv.slice(2)
const ids = JSON.parse(idsJson)
const WARMUP = Number(warmupArg)
const CALLS = Number(callsArg)
const EVERY = Number(everyArg)
const PLAIN = process.argv[7] === 'plain'
const API_KEY = 'seam_benchkey1_seamAcsWasmBench00000000001'

if (typeof globalThis.gc !== 'function') {
  console.error('memory-child: run with --expose-gc')
  process.exit(2)
}

const memories = []
const OriginalInstance = WebAssembly.Instance
WebAssembly.Instance = new Proxy(OriginalInstance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget === WebAssembly.Instance ? target : newTarget)
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory) memories.push(value)
    }
    return instance
  },
})
const { SeamClient } = PLAIN ? {} : await import('seam-acs-wasm')
WebAssembly.Instance = OriginalInstance
const wasmMemory = memories[0] ?? null

const headers = { authorization: `Bearer ${API_KEY}` }
const plain = {
  acs: {
    credentials: {
      async get({ acs_credential_id }) {
        const res = await fetch(`${endpoint}/acs/credentials/get?acs_credential_id=${acs_credential_id}`, { headers })
        return JSON.parse(await res.text()).acs_credential
      },
      async list({ limit }) {
        const res = await fetch(`${endpoint}/acs/credentials/list?limit=${limit}`, { headers })
        return JSON.parse(await res.text()).acs_credentials
      },
    },
  },
}
const seam = PLAIN ? plain : SeamClient.fromApiKey(API_KEY, { endpoint })
const tick = () => new Promise((resolve) => setImmediate(resolve))

async function settle() {
  // gc, then let FinalizationRegistry callbacks (which free wasm objects) run, then gc again.
  globalThis.gc()
  await tick()
  await tick()
  globalThis.gc()
}

async function sample(calls) {
  await settle()
  const m = process.memoryUsage()
  return {
    calls,
    heapUsed: m.heapUsed,
    rss: m.rss,
    external: m.external,
    wasm: wasmMemory ? wasmMemory.buffer.byteLength : null,
  }
}

let n = 0
async function run(count) {
  for (let i = 0; i < count; i++, n++) {
    // Written as a user writes it: the namespace getters on every call.
    const c = await seam.acs.credentials.get({ acs_credential_id: ids[n % ids.length] })
    if (c.acs_credential_id !== ids[n % ids.length]) throw new Error('memory-child: wrong answer')
  }
}

const t0 = performance.now()
await run(WARMUP)
const samples = [await sample(0)]
for (let done = 0; done < CALLS; done += EVERY) {
  await run(Math.min(EVERY, CALLS - done))
  samples.push(await sample(done + Math.min(EVERY, CALLS - done)))
}
const ms = performance.now() - t0
// Not part of the verdict: what one large answer leaves behind (a wasm memory never shrinks).
const big = await seam.acs.credentials.list({ limit: 10_000 })
if (big.length !== 10_000) throw new Error('memory-child: wrong list length')
const afterBigList = await sample(CALLS)
process.stdout.write(JSON.stringify({ wasmMemoryObserved: wasmMemory !== null, samples, afterBigList, ms }) + '\n')
process.exit(0)
