// The package as npm users get it: `npm pack` of the built package (crates/wasm/pkg), and
// `npm install <tarball>` in a fresh project, as `npm init -y` makes one.

import { execFile, spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import { PKG_DIR } from '../integration/servers.mjs'

const run = promisify(execFile)

/** Packs the package into `dir`: the tarball's path and the paths of its files, sorted. */
export async function packPackage(dir) {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir, PKG_DIR], { maxBuffer: 16 << 20 })
  const [info] = JSON.parse(stdout)
  return { tarball: path.join(dir, info.filename), files: info.files.map((file) => file.path).sort() }
}

/** A project in `dir` with the tarball installed (no network: the package has no dependencies). */
export async function installedProject(dir, tarball) {
  await mkdir(dir, { recursive: true })
  // What `npm init -y` writes, "type": "commonjs" included (webpack honours it).
  const manifest = { name: path.basename(dir), version: '1.0.0', main: 'index.js', type: 'commonjs', license: 'ISC' }
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir })
  return dir
}

/**
 * Runs `node <args>` in `project` as a user would, with `env` added; rejects when it has not
 * exited after `timeoutMs` (something of the package keeping Node alive).
 */
export function runNode(project, args, { env = {}, timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: project,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `node ${args.join(' ')} did not exit within ${timeoutMs} ms (something keeps Node alive)\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      )
    }, timeoutMs)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}
