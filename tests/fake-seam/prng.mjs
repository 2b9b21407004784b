// mulberry32: a tiny deterministic PRNG, good enough for fake card numbers and fixtures.
// Shared by the local Seam server's seed and the bench's fixtures: same seed, same values.
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
