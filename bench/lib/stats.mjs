// Small statistics for side-by-side timings: medians and spreads of per-round ratios.

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const n = s.length
  if (n === 0) return NaN
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
}

export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length, values }
}

/** Per-round ratios a[i] / b[i] (the two were measured in the same round, back to back). */
export function ratios(a, b) {
  return a.map((x, i) => x / b[i])
}

/** Least-squares slope of y over x. */
export function slope(xs, ys) {
  const n = xs.length
  const mx = xs.reduce((s, x) => s + x, 0) / n
  const my = ys.reduce((s, y) => s + y, 0) / n
  let num = 0
  let den = 0
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my)
    den += (xs[i] - mx) ** 2
  }
  return den === 0 ? 0 : num / den
}
