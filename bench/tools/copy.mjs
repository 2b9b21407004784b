// Diagnostic (not part of run.sh): ways to get a response body into wasm memory. What the
// package does now (wasm-bindgen's passStringToWasm0: a charCodeAt loop while the text is
// ASCII) against copying the bytes (`response.arrayBuffer()` + one Uint8Array.set) and
// TextEncoder.encodeInto, on the bench's 10,000-credential body.   node bench/tools/copy.mjs
import { makeCredentials } from '../lib/fixtures.mjs'
const text = JSON.stringify({ acs_credentials: makeCredentials(10_000), ok: true })
const bytes = new TextEncoder().encode(text)
const mem = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil((bytes.length * 3) / 65536) }).buffer)
const ways = {
  'charCodeAt loop (passStringToWasm0)': () => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c > 0x7f) break
      mem[i] = c
    }
  },
  'TextEncoder.encodeInto': () => new TextEncoder().encodeInto(text, mem),
  'Uint8Array.set of the bytes': () => mem.set(bytes),
  'TextDecoder.decode (bytes → string for JSON.parse)': () => new TextDecoder().decode(bytes),
  'JSON.parse (for scale)': () => JSON.parse(text),
}
for (const fn of Object.values(ways)) for (let i = 0; i < 3; i++) fn()
console.log(`body: ${bytes.length} bytes`)
for (const [name, fn] of Object.entries(ways)) {
  const t = []
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now()
    fn()
    t.push(performance.now() - t0)
  }
  t.sort((a, b) => a - b)
  console.log(`${name.padEnd(52)} ${t[3].toFixed(1).padStart(6)} ms [${t[0].toFixed(1)}–${t[6].toFixed(1)}]`)
}
