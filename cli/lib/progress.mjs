// Progress of a bulk run on stderr: a cli-progress bar with rate and time left on a terminal,
// else (a log, CI) one plain line every few seconds and a last one at the end.
// `update` takes createMany/deleteMany's onProgress value as it is.

import cliProgress from 'cli-progress'

const PLAIN_EVERY_MS = 2000

function formatEta(etaMs) {
  if (etaMs === null || etaMs === undefined) return '?'
  const seconds = Math.round(etaMs / 1000)
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`
}

export function startProgress(total, stream = process.stderr) {
  const fields = (p) => ({
    rate: p.ratePerSecond.toFixed(1),
    left: formatEta(p.etaMs),
    failed: p.failed,
    inFlight: p.inFlight,
  })
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{bar} {value}/{total} | {rate}/s | {left} left | {failed} failed | {inFlight} in flight',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    )
    bar.start(total, 0, { rate: '0.0', left: '?', failed: 0, inFlight: 0 })
    return {
      update: (p) => bar.update(p.done + p.failed, fields(p)),
      stop: () => bar.stop(),
    }
  }
  let last = 0
  let latest = null
  const print = (p) => {
    const f = fields(p)
    stream.write(`${p.done + p.failed}/${p.total} | ${f.rate}/s | ${f.left} left | ${f.failed} failed\n`)
  }
  return {
    update: (p) => {
      latest = p
      if (Date.now() - last >= PLAIN_EVERY_MS) {
        last = Date.now()
        print(p)
      }
    },
    stop: () => latest && print(latest),
  }
}
