// seam-acs-wasm against @seamapi/http, side by side in one run. Started by bench/run.sh
// (which builds the package if needed and links the libraries into bench/node_modules).
//
//   node --expose-gc bench/main.mjs [--quick]
//
// Every timing alternates the libraries round by round (rotating the order), and every
// ratio is taken within a round, so machine noise hits both sides alike. Figures are
// medians over rounds with the [min–max] of the per-round values.

import { execFileSync, fork, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'

import { SeamHttp } from '@seamapi/http/connect'
import { parseAcsCredential, SeamClient } from 'seam-acs-wasm'

import { API_KEY } from './lib/fixtures.mjs'
import { measureSize } from './lib/size.mjs'
import { median, ratios, slope, summary } from './lib/stats.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const QUICK = process.argv.includes('--quick')
const TIME_LIMIT_MS = QUICK ? 60_000 : 290_000

// ------------------------------------------------------------------ targets

const TARGETS = {
  // Issue 13: half the official ACS namespace + action attempts + user identities with the
  // @seamapi/types zod schemas of the same eleven models (100,635 B gzip when it was filed).
  sizeGzip: 50_300,
  parseVsJsonParse: 1.5, // ours / plain fetch + JSON.parse
  perCall: 0.9, // ours / official
  startup: 1.0, // ours / official
  memory: { percent: 10, bytes: 5 * 1024 * 1024 }, // growth allowed: < 10 % OR < 5 MB
}
const budget = JSON.parse(readFileSync(join(benchDir, 'size-budget.json'), 'utf8'))

const CONFIG = QUICK
  ? { parseCount: 1_000, parseRounds: 5, parseWarmup: 2 }
  : {
      parseCount: 10_000,
      parseRounds: 7,
      parseWarmup: 1,
      getCalls: 2_000,
      getRounds: 5,
      concurrentCalls: 200,
      concurrentLimit: 10,
      concurrentRounds: 9,
      startupRuns: 10, // per library
      // Node's rss settles only after ~10,000 GETs through undici (it rose ~25 MB in the first
      // 5,000 after a 5,000 warm-up, then stayed within 115-148 MB up to 150,000 calls).
      memoryWarmup: 20_000,
      memoryCalls: 50_000,
      memoryEvery: 5_000,
    }

// ------------------------------------------------------------------ housekeeping

const children = new Set()
const watchdog = setTimeout(() => {
  console.error(`bench: stopped after ${TIME_LIMIT_MS / 1000} s (time limit)`)
  for (const child of children) child.kill('SIGKILL')
  process.exit(2)
}, TIME_LIMIT_MS)
watchdog.unref()

/** Which build of the package is measured: the .wasm's hash, its time, and the repo's HEAD. */
function fingerprint() {
  const dir = realpathSync(join(benchDir, 'node_modules', 'seam-acs-wasm'))
  const wasm = join(dir, 'seam_acs_wasm_bg.wasm')
  let head = null
  try {
    head = execFileSync('git', ['-C', benchDir, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {}
  return {
    version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version,
    wasmSha256: createHash('sha256').update(readFileSync(wasm)).digest('hex').slice(0, 12),
    builtAt: statSync(wasm).mtime.toISOString(),
    gitHead: head,
  }
}

const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {}
const log = (message) => process.stderr.write(`bench: ${message}\n`)

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(benchDir, 'lib', 'server.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    })
    children.add(child)
    child.once('message', ({ port, ids }) => resolve({ child, endpoint: `http://127.0.0.1:${port}`, ids }))
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)))
  })
}

/**
 * Runs `variants` ({ name: async fn }) for `rounds` rounds after `warmup` untimed ones,
 * each round in a rotated order (and reversed every other round). Returns ms per variant.
 */
async function sideBySide(variants, { rounds, warmup = 1, check = () => {} }) {
  const names = Object.keys(variants)
  for (let w = 0; w < warmup; w++) for (const name of names) check(name, await variants[name]())
  const times = Object.fromEntries(names.map((name) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    let order = names.map((_, i) => names[(i + r) % names.length])
    if (r % 2) order = order.reverse()
    for (const name of order) {
      gc()
      const t0 = performance.now()
      const result = await variants[name]()
      times[name].push(performance.now() - t0)
      check(name, result)
    }
  }
  return times
}

/** A variant's time above a floor's, round by round (both ran in the same rounds). */
function aboveFloor(times, variant, floor) {
  return times[variant].map((ms, i) => ms - times[floor][i])
}

function runChild(args, { timeoutMs }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, args, {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: timeoutMs,
    })
    children.add(child)
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('exit', (code, signal) => {
      children.delete(child)
      if (code !== 0) return reject(new Error(`${args.join(' ')}: exit ${code ?? signal}`))
      resolve({ ...JSON.parse(out.trim().split('\n').pop()), wallMs: performance.now() - t0 })
    })
  })
}

// ------------------------------------------------------------------ measurements

async function measureParse(endpoint) {
  const n = CONFIG.parseCount
  const ours = SeamClient.fromApiKey(API_KEY, { endpoint })
  const official = SeamHttp.fromApiKey(API_KEY, { endpoint })
  const plain = async () => {
    const res = await fetch(`${endpoint}/acs/credentials/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: n }),
    })
    return JSON.parse(await res.text()).acs_credentials
  }
  const variants = {
    ours: () => ours.acs.credentials.list({ limit: n }),
    official: () => official.acs.credentials.list({ limit: n }),
    plain,
  }

  // Correctness first (a check of --quick): every library returns exactly the body's items.
  const expected = await plain()
  const oursResult = await variants.ours()
  const officialResult = await variants.official()
  const correct = {
    ours: expected.length === n && isDeepStrictEqual(oursResult, expected),
    official: isDeepStrictEqual(officialResult, expected),
  }

  const bodyBytes = Buffer.byteLength(JSON.stringify({ acs_credentials: expected }))
  const times = await sideBySide(variants, {
    rounds: CONFIG.parseRounds,
    warmup: CONFIG.parseWarmup,
    check: (name, result) => {
      if (!Array.isArray(result) || result.length !== n)
        throw new Error(`parse: ${name} returned ${result?.length} items`)
    },
  })

  // Where our time goes, off the network (info): JSON.parse alone vs parseAcsCredential,
  // item by item, on the same items' text.
  const itemTexts = expected.slice(0, Math.min(n, 2_000)).map((c) => JSON.stringify(c))
  const offline = await sideBySide(
    {
      parseAcsCredential: async () => itemTexts.map((t) => parseAcsCredential(t)),
      'JSON.parse': async () => itemTexts.map((t) => JSON.parse(t)),
    },
    { rounds: 5, warmup: 1 },
  )
  return { n, bodyBytes, correct, times, offline, offlineItems: itemTexts.length }
}

async function measurePerCall(endpoint, ids) {
  const ours = SeamClient.fromApiKey(API_KEY, { endpoint })
  const official = SeamHttp.fromApiKey(API_KEY, { endpoint })
  const sequential = (client) => async () => {
    for (let i = 0; i < CONFIG.getCalls; i++) {
      const id = ids[i % ids.length]
      const c = await client.acs.credentials.get({ acs_credential_id: id })
      if (c.acs_credential_id !== id) throw new Error('get: wrong credential')
    }
  }
  const concurrent = (client) => async () => {
    const pages = await Promise.all(
      Array.from({ length: CONFIG.concurrentCalls }, () =>
        client.acs.credentials.list({ limit: CONFIG.concurrentLimit }),
      ),
    )
    if (pages.some((p) => p.length !== CONFIG.concurrentLimit)) throw new Error('list: wrong page size')
  }
  // The transport floor: plain fetch + JSON.parse, nothing else, as a GET with a query
  // string or as a POST with a JSON body. Both clients send a `get` as a GET (the POST is
  // for scale). For `list`, the official client sends a GET with its parameters in the
  // query string (the contract documents none for GET); ours sends the documented POST body.
  const headers = { authorization: `Bearer ${API_KEY}` }
  const send = async (method, name, params) => {
    const res =
      method === 'GET'
        ? await fetch(`${endpoint}/acs/credentials/${name}?${new URLSearchParams(params)}`, { headers })
        : await fetch(`${endpoint}/acs/credentials/${name}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(params),
          })
    return JSON.parse(await res.text())
  }
  const plain = (method) => ({
    acs: {
      credentials: {
        get: async (params) => (await send(method, 'get', params)).acs_credential,
        list: async (params) => (await send(method, 'list', params)).acs_credentials,
      },
    },
  })
  const get = await sideBySide(
    {
      ours: sequential(ours),
      official: sequential(official),
      postFloor: sequential(plain('POST')),
      getFloor: sequential(plain('GET')),
    },
    { rounds: CONFIG.getRounds, warmup: 1 },
  )
  const list = await sideBySide(
    {
      ours: concurrent(ours),
      official: concurrent(official),
      postFloor: concurrent(plain('POST')),
      getFloor: concurrent(plain('GET')),
    },
    { rounds: CONFIG.concurrentRounds, warmup: 2 },
  )
  return { get, list }
}

async function measureStartup(endpoint, ids) {
  const child = join(benchDir, 'lib', 'startup-child.mjs')
  const runs = { ours: [], official: [] }
  for (let i = 0; i < CONFIG.startupRuns; i++) {
    const order = i % 2 ? ['official', 'ours'] : ['ours', 'official']
    for (const lib of order) runs[lib].push(await runChild([child, lib, endpoint, ids[i]], { timeoutMs: 30_000 }))
  }
  return runs
}

/** The memory run of the package, or with `plain` of bare fetch + JSON.parse (the rss control). */
async function measureMemory(endpoint, ids, plain = false) {
  const child = join(benchDir, 'lib', 'memory-child.mjs')
  return runChild(
    [
      '--expose-gc',
      child,
      endpoint,
      JSON.stringify(ids.slice(0, 100)),
      String(CONFIG.memoryWarmup),
      String(CONFIG.memoryCalls),
      String(CONFIG.memoryEvery),
      ...(plain ? ['plain'] : []),
    ],
    { timeoutMs: 150_000 },
  )
}

// ------------------------------------------------------------------ report

const fmtB = (n) => `${Math.round(n).toLocaleString('en-US')} B`
const fmtMs = (s) => `${s.median.toFixed(s.median < 10 ? 2 : 1)} ms [${s.min.toFixed(1)}–${s.max.toFixed(1)}]`
const fmtRatio = (s) => `${s.median.toFixed(2)} [${s.min.toFixed(2)}–${s.max.toFixed(2)}]`
const fmtMB = (n) => `${(n / 1048576).toFixed(1)} MB`

function verdict(met) {
  return met === null ? 'info' : met ? 'met' : 'missed'
}

function printTable(rows) {
  const header = ['measurement', 'ours', 'official', 'ratio', 'target', 'met?']
  const cells = rows.map((r) => [r.measurement, r.ours, r.official, r.ratio, r.target, verdict(r.met)])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const c of cells) console.log(line(c))
}

function memoryVerdict(samples, key) {
  const first = samples[0][key]
  const tail = samples.slice(-3).map((s) => s[key])
  const growth = Math.max(...tail) - first
  const flat = growth < TARGETS.memory.bytes || growth < (first * TARGETS.memory.percent) / 100
  const perTenK = slope(
    samples.map((s) => s.calls / 10_000),
    samples.map((s) => s[key]),
  )
  return { first, last: samples.at(-1)[key], growth, flat, slopePer10kCalls: perTenK }
}

// ------------------------------------------------------------------ main

async function main() {
  const started = performance.now()
  const pkgBefore = fingerprint()
  log(
    `package seam-acs-wasm ${pkgBefore.version}, wasm sha256 ${pkgBefore.wasmSha256} (built ${pkgBefore.builtAt}), HEAD ${pkgBefore.gitHead}`,
  )
  const { child: server, endpoint, ids } = await startServer()
  const rows = []
  const details = { config: CONFIG, targets: TARGETS, budget }
  const checks = []

  log('size (esbuild, browser, minified, gzip -9)…')
  const size = await measureSize()
  details.size = size
  rows.push({
    id: 'size',
    measurement:
      'size: gzip JS+wasm (the bulk chunk apart) vs SeamHttpAcs + ActionAttempts + UserIdentities + zod schemas of the 11 models',
    ours: fmtB(size.ours.total_gzip),
    official: fmtB(size.official_namespace_zod.gzip),
    ratio: (size.ours.total_gzip / size.official_namespace_zod.gzip).toFixed(2),
    target: `≤ ${fmtB(TARGETS.sizeGzip)}`,
    met: size.ours.total_gzip <= TARGETS.sizeGzip,
  })
  rows.push({
    id: 'size_namespace',
    measurement: 'size: gzip JS+wasm vs SeamHttpAcs + ActionAttempts + UserIdentities (no schemas)',
    ours: fmtB(size.ours.total_gzip),
    official: fmtB(size.official_namespace.gzip),
    ratio: (size.ours.total_gzip / size.official_namespace.gzip).toFixed(2),
    target: '—',
    met: null,
  })
  rows.push({
    id: 'size_credentials',
    measurement: 'size: gzip JS+wasm vs SeamHttpAcsCredentials',
    ours: fmtB(size.ours.total_gzip),
    official: fmtB(size.official_SeamHttpAcsCredentials.gzip),
    ratio: (size.ours.total_gzip / size.official_SeamHttpAcsCredentials.gzip).toFixed(2),
    target: '—',
    met: null,
  })
  rows.push({
    id: 'size_seamhttp',
    measurement: 'size: gzip JS+wasm vs SeamHttp (whole client)',
    ours: fmtB(size.ours.total_gzip),
    official: fmtB(size.official_SeamHttp.gzip),
    ratio: (size.ours.total_gzip / size.official_SeamHttp.gzip).toFixed(2),
    target: '—',
    met: null,
  })
  rows.push({
    id: 'size_split',
    measurement: 'size: ours = JS gzip + inlined wasm gzip',
    ours: `${fmtB(size.ours.js_gzip)} + ${fmtB(size.ours.wasm_gzip)}`,
    official: '—',
    ratio: '—',
    target: '—',
    met: null,
  })
  rows.push({
    id: 'size_bulk',
    measurement: 'size: the bulk chunk, loaded on the first bulk run (JS gzip + inlined wasm gzip)',
    ours: `${fmtB(size.ours_bulk.gzip)} (${fmtB(size.ours_bulk.js_gzip)} + ${fmtB(size.ours_bulk.wasm_gzip)})`,
    official: '—',
    ratio: '—',
    target: `≤ ${fmtB(budget.bulkMaxGzipBytes)}`,
    met: size.ours_bulk.gzip <= budget.bulkMaxGzipBytes,
  })
  const withinBudget = size.ours.total_gzip <= budget.maxGzipBytes
  checks.push({
    name: `size budget (${fmtB(size.ours.total_gzip)} ≤ ${fmtB(budget.maxGzipBytes)})`,
    passed: withinBudget,
  })
  checks.push({
    name: `size budget of the bulk chunk (${fmtB(size.ours_bulk.gzip)} ≤ ${fmtB(budget.bulkMaxGzipBytes)})`,
    passed: size.ours_bulk.gzip <= budget.bulkMaxGzipBytes,
  })
  rows.push({
    id: 'size_budget',
    measurement: 'size: regression budget (size-budget.json)',
    ours: fmtB(size.ours.total_gzip),
    official: '—',
    ratio: '—',
    target: `≤ ${fmtB(budget.maxGzipBytes)}`,
    met: withinBudget,
  })

  log(`parse: list of ${CONFIG.parseCount.toLocaleString('en-US')} credentials, ${CONFIG.parseRounds} rounds…`)
  const parse = await measureParse(endpoint)
  details.parse = {
    n: parse.n,
    bodyBytes: parse.bodyBytes,
    correct: parse.correct,
    ms: Object.fromEntries(Object.entries(parse.times).map(([k, v]) => [k, summary(v)])),
    offline: Object.fromEntries(Object.entries(parse.offline).map(([k, v]) => [k, summary(v)])),
    offlineItems: parse.offlineItems,
  }
  checks.push({
    name: `parse result correct (${parse.n.toLocaleString('en-US')} credentials, ours and official deep-equal to JSON.parse)`,
    passed: parse.correct.ours && parse.correct.official,
  })
  const nLabel = parse.n >= 1000 ? `${parse.n / 1000}k` : String(parse.n)
  const vsPlain = summary(ratios(parse.times.ours, parse.times.plain))
  const vsOfficial = summary(ratios(parse.times.ours, parse.times.official))
  rows.push({
    id: 'parse_vs_json_parse',
    measurement: `parse+validate list(${nLabel}) vs fetch+JSON.parse*`,
    ours: fmtMs(summary(parse.times.ours)),
    official: fmtMs(summary(parse.times.plain)),
    ratio: fmtRatio(vsPlain),
    target: `≤ ${TARGETS.parseVsJsonParse}`,
    met: vsPlain.median <= TARGETS.parseVsJsonParse,
  })
  rows.push({
    id: 'parse_vs_official',
    measurement: `parse+validate list(${nLabel}) vs official list`,
    ours: fmtMs(summary(parse.times.ours)),
    official: fmtMs(summary(parse.times.official)),
    ratio: fmtRatio(vsOfficial),
    target: '—',
    met: null,
  })
  const off = parse.offline
  rows.push({
    id: 'parse_offline',
    measurement: `parseAcsCredential vs JSON.parse, ${parse.offlineItems} items one by one*`,
    ours: fmtMs(summary(off.parseAcsCredential)),
    official: fmtMs(summary(off['JSON.parse'])),
    ratio: fmtRatio(summary(ratios(off.parseAcsCredential, off['JSON.parse']))),
    target: '—',
    met: null,
  })

  if (!QUICK) {
    log(
      `per call: ${CONFIG.getCalls} sequential get × ${CONFIG.getRounds} rounds, ${CONFIG.concurrentCalls} concurrent list × ${CONFIG.concurrentRounds} rounds…`,
    )
    const perCall = await measurePerCall(endpoint, ids)
    details.perCall = {
      get: Object.fromEntries(Object.entries(perCall.get).map(([k, v]) => [k, summary(v)])),
      list: Object.fromEntries(Object.entries(perCall.list).map(([k, v]) => [k, summary(v)])),
    }
    const getRatio = summary(ratios(perCall.get.ours, perCall.get.official))
    const us = (v) => `${((median(v) / CONFIG.getCalls) * 1000).toFixed(0)} µs/call`
    rows.push({
      id: 'per_call_get',
      measurement: `per call: ${CONFIG.getCalls} sequential get`,
      ours: `${fmtMs(summary(perCall.get.ours))} (${us(perCall.get.ours)})`,
      official: `${fmtMs(summary(perCall.get.official))} (${us(perCall.get.official)})`,
      ratio: fmtRatio(getRatio),
      target: `≤ ${TARGETS.perCall}`,
      met: getRatio.median <= TARGETS.perCall,
    })
    const perCallUs = (v) => v.map((ms) => (ms / CONFIG.getCalls) * 1000)
    const fmtUs = (v) => {
      const s = summary(v)
      return `${s.median.toFixed(0)} µs [${s.min.toFixed(0)}–${s.max.toFixed(0)}]`
    }
    rows.push({
      id: 'per_call_floor',
      measurement: "  floor: plain fetch GET (both clients' get) vs POST*",
      ours: fmtUs(perCallUs(perCall.get.getFloor)),
      official: fmtUs(perCallUs(perCall.get.postFloor)),
      ratio: fmtRatio(summary(ratios(perCall.get.getFloor, perCall.get.postFloor))),
      target: '—',
      met: null,
    })
    // Client code per call: each library above the plain fetch of the method it sends (GET for both; same round).
    const oursAbove = perCallUs(aboveFloor(perCall.get, 'ours', 'getFloor'))
    const officialAbove = perCallUs(aboveFloor(perCall.get, 'official', 'getFloor'))
    details.perCall.clientOverheadUs = { ours: summary(oursAbove), official: summary(officialAbove) }
    rows.push({
      id: 'per_call_client_code',
      measurement: '  client code: each above the GET floor',
      ours: fmtUs(oursAbove),
      official: fmtUs(officialAbove),
      ratio: (median(oursAbove) / median(officialAbove)).toFixed(2),
      target: '—',
      met: null,
    })
    const listRatio = summary(ratios(perCall.list.ours, perCall.list.official))
    rows.push({
      id: 'per_call_list',
      measurement: `per call: ${CONFIG.concurrentCalls} concurrent list(limit ${CONFIG.concurrentLimit})`,
      ours: fmtMs(summary(perCall.list.ours)),
      official: fmtMs(summary(perCall.list.official)),
      ratio: fmtRatio(listRatio),
      target: `≤ ${TARGETS.perCall}`,
      met: listRatio.median <= TARGETS.perCall,
    })
    rows.push({
      id: 'per_call_list_floor',
      measurement: '  floor: plain fetch POST (ours) vs GET (official)*',
      ours: fmtMs(summary(perCall.list.postFloor)),
      official: fmtMs(summary(perCall.list.getFloor)),
      ratio: fmtRatio(summary(ratios(perCall.list.postFloor, perCall.list.getFloor))),
      target: '—',
      met: null,
    })
    // Client code per round: each library above the plain fetch of the method it sends.
    const oursListAbove = aboveFloor(perCall.list, 'ours', 'postFloor')
    const officialListAbove = aboveFloor(perCall.list, 'official', 'getFloor')
    details.perCall.listClientOverheadMs = { ours: summary(oursListAbove), official: summary(officialListAbove) }
    rows.push({
      id: 'per_call_list_client_code',
      measurement: '  client code: each above its own floor',
      ours: fmtMs(summary(oursListAbove)),
      official: fmtMs(summary(officialListAbove)),
      ratio: (median(oursListAbove) / median(officialListAbove)).toFixed(2),
      target: '—',
      met: null,
    })

    log(`start-up: ${CONFIG.startupRuns} fresh processes per library, alternating…`)
    const startup = await measureStartup(endpoint, ids)
    const pick = (lib, key) => startup[lib].map((r) => r[key])
    details.startup = Object.fromEntries(
      ['ours', 'official'].map((lib) => [
        lib,
        Object.fromEntries(
          ['importMs', 'readyMs', 'sinceProcessStartMs', 'wallMs'].map((k) => [k, summary(pick(lib, k))]),
        ),
      ]),
    )
    const readyRatio = summary(ratios(pick('ours', 'readyMs'), pick('official', 'readyMs')))
    rows.push({
      id: 'startup',
      measurement: 'start-up: import + first get answered',
      ours: fmtMs(summary(pick('ours', 'readyMs'))),
      official: fmtMs(summary(pick('official', 'readyMs'))),
      ratio: fmtRatio(readyRatio),
      target: `≤ ${TARGETS.startup.toFixed(1)}`,
      met: readyRatio.median <= TARGETS.startup,
    })
    rows.push({
      id: 'startup_process',
      measurement: 'start-up: whole process (spawn → exit)',
      ours: fmtMs(summary(pick('ours', 'wallMs'))),
      official: fmtMs(summary(pick('official', 'wallMs'))),
      ratio: fmtRatio(summary(ratios(pick('ours', 'wallMs'), pick('official', 'wallMs')))),
      target: '—',
      met: null,
    })

    log(`memory: ${CONFIG.memoryWarmup} warm-up + ${CONFIG.memoryCalls} get, sample every ${CONFIG.memoryEvery}…`)
    const memory = await measureMemory(endpoint, ids)
    const control = await measureMemory(endpoint, ids, true)
    // What the package holds: its JS objects and its wasm memory. rss is the process's, and
    // Node's fetch alone moves it by 15-20 MB (the control): reported, not judged.
    const metrics = memory.wasmMemoryObserved ? ['heapUsed', 'wasm'] : ['heapUsed']
    const verdicts = Object.fromEntries(metrics.map((k) => [k, memoryVerdict(memory.samples, k)]))
    const rss = { ours: memoryVerdict(memory.samples, 'rss'), plainFetch: memoryVerdict(control.samples, 'rss') }
    details.memory = { ...memory, verdicts, rss, control, rule: memoryRule() }
    const flat = Object.values(verdicts).every((v) => v.flat)
    const growth = (k) => `${k} ${fmtMB(verdicts[k].first)}→${fmtMB(verdicts[k].last)}`
    rows.push({
      id: 'memory',
      measurement: `memory: ${CONFIG.memoryCalls.toLocaleString('en-US')} get after warm-up`,
      ours: metrics.map(growth).join(', '),
      official: 'n/a',
      ratio: '—',
      target: 'flat',
      met: flat,
    })
    rows.push({
      id: 'memory_rss',
      measurement: '  rss (the whole process) vs bare fetch, the same calls*',
      ours: `${fmtMB(rss.ours.first)}→${fmtMB(rss.ours.last)}`,
      official: `${fmtMB(rss.plainFetch.first)}→${fmtMB(rss.plainFetch.last)}`,
      ratio: '—',
      target: '—',
      met: null,
    })
    if (memory.afterBigList) {
      rows.push({
        id: 'memory_after_list',
        measurement: '  wasm memory after one list(10k), then gc()',
        ours: `${fmtMB(memory.samples.at(-1).wasm)} → ${fmtMB(memory.afterBigList.wasm)}`,
        official: 'n/a',
        ratio: '—',
        target: '—',
        met: null,
      })
    }
  }

  const totalMs = performance.now() - started
  const pkgAfter = fingerprint()
  const pkgChanged = pkgAfter.wasmSha256 !== pkgBefore.wasmSha256
  console.log('')
  console.log(
    `seam-acs-wasm vs @seamapi/http 2.32.0 — ${QUICK ? 'quick' : 'full'} run, node ${process.version}, ${(totalMs / 1000).toFixed(0)} s`,
  )
  console.log(
    `package: seam-acs-wasm ${pkgBefore.version}, wasm sha256 ${pkgBefore.wasmSha256}, built ${pkgBefore.builtAt}, repo HEAD ${pkgBefore.gitHead}`,
  )
  if (pkgChanged)
    console.log(
      `WARNING: the package was rebuilt during this run (now ${pkgAfter.wasmSha256}); figures may mix two builds.`,
    )
  console.log(
    'Times: median [min–max] over rounds; ratio = ours / official, taken round by round (median [min–max]); < 1 means ours is smaller or faster.',
  )
  console.log('')
  printTable(rows)
  console.log('')
  console.log('* In these rows the "official" column holds the baseline named in the measurement, not @seamapi/http.')
  console.log(
    `Targets: size ≤ ${TARGETS.sizeGzip.toLocaleString('en-US')} B gzip (issue 13: half the official namespace with its zod schemas); parse+validate ≤ ${TARGETS.parseVsJsonParse} × plain fetch+JSON.parse; ` +
      `per-call ≤ ${TARGETS.perCall} × official; start-up ≤ official; memory flat (${memoryRule()}).`,
  )
  if (details.memory && !details.memory.wasmMemoryObserved) {
    console.log('Memory: the wasm linear memory could not be observed; the verdict uses heapUsed only.')
  }
  if (details.memory?.wasmMemoryObserved) {
    console.log(
      'Memory: wasm linear memory read by observing WebAssembly.Instance at import (the package exposes no memory figure).',
    )
  }

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    mode: QUICK ? 'quick' : 'full',
    package: pkgBefore,
    packageChangedDuringRun: pkgChanged,
    seconds: Math.round(totalMs / 1000),
    rows: rows.map(({ id, measurement, ours, official, ratio, target, met }) => ({
      id,
      measurement,
      ours,
      official,
      ratio,
      target,
      met: verdict(met),
    })),
    checks,
    details,
  }
  mkdirSync(join(benchDir, 'results'), { recursive: true })
  const json = JSON.stringify(result, null, 2) + '\n'
  // latest.json is the last full run (the README's table); --quick writes latest-quick.json.
  writeFileSync(join(benchDir, 'results', QUICK ? 'latest-quick.json' : 'latest.json'), json)

  console.log('')
  for (const check of checks) console.log(`check ${check.passed ? 'passed' : 'FAILED'}: ${check.name}`)
  const failed = checks.filter((c) => !c.passed).length
  console.log(`bench: ${checks.length - failed} passed, ${failed} failed`)

  server.disconnect()
  server.kill()
  return failed === 0 ? 0 : 1
}

function memoryRule() {
  return `max of the last 3 samples minus the first post-warm-up sample < ${TARGETS.memory.percent}% of it or < ${fmtMB(TARGETS.memory.bytes)}, for heapUsed and wasm memory, each after gc(); rss is shown beside bare fetch's`
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error.stack ?? error}`)
    for (const child of children) child.kill('SIGKILL')
    process.exit(2)
  },
)
