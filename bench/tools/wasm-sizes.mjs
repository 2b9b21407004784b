// Diagnostic: the code size of a wasm module by function and by crate, from its name
// section (use a build that still has one, e.g. target/wasm-bindgen/web/*.wasm before
// wasm-opt strips it).   node bench/tools/wasm-sizes.mjs <file.wasm> [top]
import { readFileSync } from 'node:fs'
const [file, topArg = '25'] = process.argv.slice(2)
const buf = readFileSync(file)
let pos = 8
const u32 = () => {
  let r = 0,
    s = 0,
    b
  do {
    b = buf[pos++]
    r |= (b & 0x7f) << s
    s += 7
  } while (b & 0x80)
  return r >>> 0
}
const str = () => {
  const n = u32()
  const s = buf.subarray(pos, pos + n).toString('utf8')
  pos += n
  return s
}
let imported = 0
const bodies = []
const names = new Map()
const sections = []
while (pos < buf.length) {
  const id = buf[pos++]
  const size = u32()
  const end = pos + size
  let label = String(id)
  if (id === 2) {
    const n = u32()
    for (let i = 0; i < n; i++) {
      str()
      str()
      const kind = buf[pos++]
      if (kind === 0) {
        u32()
        imported++
      } else if (kind === 1) {
        pos++
        const f = buf[pos++]
        u32()
        if (f & 1) u32()
      } else if (kind === 2) {
        const f = buf[pos++]
        u32()
        if (f & 1) u32()
      } else if (kind === 3) {
        pos += 2
      }
    }
  }
  if (id === 10) {
    const n = u32()
    for (let i = 0; i < n; i++) {
      const s = u32()
      bodies.push(s)
      pos += s
    }
    label = 'code'
  }
  if (id === 11) label = 'data'
  if (id === 0) {
    const name = str()
    label = `custom:${name}`
    if (name === 'name') {
      while (pos < end) {
        const sub = buf[pos++]
        const len = u32()
        const subEnd = pos + len
        if (sub === 1) {
          const n = u32()
          for (let i = 0; i < n; i++) {
            const idx = u32()
            names.set(idx, str())
          }
        }
        pos = subEnd
      }
    }
  }
  sections.push([label, size])
  pos = end
}
const demangle = (n) => {
  if (!n.startsWith('_ZN')) return n
  const parts = []
  let i = 3
  while (i < n.length && n[i] !== 'E') {
    let j = i
    while (/[0-9]/.test(n[j])) j++
    const len = Number(n.slice(i, j))
    if (!len) break
    parts.push(n.slice(j, j + len))
    i = j + len
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop()
  return parts
    .join('::')
    .replace(/\$LT\$/g, '<')
    .replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ')
    .replace(/\$RF\$/g, '&')
    .replace(/\$C\$/g, ',')
    .replace(/\$u7b\$/g, '{')
    .replace(/\$u7d\$/g, '}')
    .replace(/\.\./g, '::')
}
const fns = bodies.map((size, i) => ({ size, name: demangle(names.get(imported + i) ?? `func${imported + i}`) }))
const total = bodies.reduce((a, b) => a + b, 0)
console.log('sections:', sections.map(([l, s]) => `${l} ${s}`).join(', '))
console.log(`code: ${total} B in ${fns.length} functions`)
const crate = (n) => {
  const m = n.match(/^<?(?:&(?:mut )?)?([a-z_][a-z0-9_]*)::/)
  return m ? m[1] : '(other)'
}
const byCrate = new Map()
for (const f of fns) byCrate.set(crate(f.name), (byCrate.get(crate(f.name)) ?? 0) + f.size)
console.log('--- by crate')
for (const [c, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`${String(s).padStart(8)} B ${((100 * s) / total).toFixed(1).padStart(5)}%  ${c}`)
console.log('--- largest functions')
for (const f of fns.sort((a, b) => b.size - a.size).slice(0, Number(topArg)))
  console.log(`${String(f.size).padStart(8)} B  ${f.name.slice(0, 150)}`)
