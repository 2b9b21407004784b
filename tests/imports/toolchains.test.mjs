// The toolchain matrix: each common way to build a web app takes the PACKED package
// (`npm pack`, then `npm install <tarball>` in a fresh project) with no configuration, and
// the app runs in headless Chromium against the local Seam server: validateRequest, a list,
// an iteration, an invalid create refused before sending, an API error, a bulk run (whose
// chunk a splitting build emits as its own file, loaded on first use), a network error
// (fixtures/browser-checks.mjs). (Node takes the same tarball in imports/node.test.mjs.)
//
// For each browser build it reports the bytes the page downloaded (scripts and wasm from
// its own origin, each gzip -9).
//
// Bundlers come from tests/toolchains (their own lock file, installed by scripts/setup.sh).
// Builds run in parallel; all pages run in one Chromium.
//
//   cd tests && node --test imports/toolchains.test.mjs

import assert from 'node:assert/strict'
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import * as esbuild from 'esbuild'

import { startFakeSeam } from '../fake-seam/server.mjs'
import { startStaticServer, tempDir } from '../integration/servers.mjs'
import * as toolchains from '../toolchains/load.mjs'
import { assertBrowserOutcome, launchChromium, visit } from './browser-page.mjs'
import { installedProject, packPackage } from './packed.mjs'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const page = (script) =>
  `<!doctype html>\n<meta charset="utf-8">\n<title>seam-acs-wasm app</title>\n<pre id="result"></pre>\n${script}\n`
const MODULE_PAGE = page('<script type="module" src="./main.js"></script>')
const SCRIPT_PAGE = page('<script src="./app.js"></script>')
const MODULE_BUNDLE_PAGE = page('<script type="module" src="./app.js"></script>')

/**
 * Each browser build: `build(app)` makes the site in `<app>/dist` (the app holds index.html,
 * main.js (main.cjs for webpack), checks.mjs and node_modules/seam-acs-wasm from the tarball).
 */
const BUILDS = {
  'esbuild, its default format (iife)': async (app) => {
    await esbuild.build({
      entryPoints: [path.join(app, 'main.js')],
      outfile: path.join(app, 'dist', 'app.js'),
      bundle: true,
      minify: true,
      logLevel: 'silent',
    })
    await writeFile(path.join(app, 'dist', 'index.html'), SCRIPT_PAGE)
  },
  'esbuild --format=esm': async (app) => {
    await esbuild.build({
      entryPoints: [path.join(app, 'main.js')],
      outfile: path.join(app, 'dist', 'app.js'),
      bundle: true,
      minify: true,
      format: 'esm',
      logLevel: 'silent',
    })
    await writeFile(path.join(app, 'dist', 'index.html'), MODULE_BUNDLE_PAGE)
  },
  'esbuild --format=esm --splitting': async (app) => {
    await esbuild.build({
      entryPoints: { app: path.join(app, 'main.js') },
      outdir: path.join(app, 'dist'),
      bundle: true,
      minify: true,
      format: 'esm',
      splitting: true,
      logLevel: 'silent',
    })
    await writeFile(path.join(app, 'dist', 'index.html'), MODULE_BUNDLE_PAGE)
  },
  ...Object.fromEntries(
    Object.entries(toolchains.vite).map(([major, load]) => [
      `Vite ${major} build`,
      async (app) => (await load()).build({ root: app, configFile: false, logLevel: 'silent' }),
    ]),
  ),
  'webpack 5 (production)': async (app) => {
    const webpack = await toolchains.webpack()
    const stats = await new Promise((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: app,
          entry: './main.cjs',
          output: { path: path.join(app, 'dist'), filename: 'app.js' },
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    )
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'))
    await writeFile(path.join(app, 'dist', 'index.html'), SCRIPT_PAGE)
  },
  'Rollup (with node-resolve)': async (app) => {
    const [{ rollup }, nodeResolve] = await Promise.all([toolchains.rollup(), toolchains.nodeResolve()])
    const bundle = await rollup({
      input: path.join(app, 'main.js'),
      plugins: [nodeResolve({ browser: true })],
      logLevel: 'silent',
    })
    // `dir`, not `file`: the bulk runs are a chunk of their own, and Rollup writes chunks to a
    // directory (with `file` it asks for `dir` or `inlineDynamicImports`).
    await bundle.write({ dir: path.join(app, 'dist'), entryFileNames: 'app.js', format: 'es' })
    await bundle.close()
    await writeFile(path.join(app, 'dist', 'index.html'), MODULE_BUNDLE_PAGE)
  },
  'Parcel 2': async (app) => {
    const Parcel = await toolchains.Parcel()
    // Parcel reads `main` ("index.js", from npm init -y) as a library target; its docs have an
    // app's package.json without one. A step of the app's, not of this package.
    const manifest = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8'))
    delete manifest.main
    await writeFile(path.join(app, 'package.json'), JSON.stringify(manifest))
    const parcel = new Parcel({
      entries: path.join(app, 'index.html'),
      defaultConfig: toolchains.parcelConfig(),
      mode: 'production',
      shouldDisableCache: true,
      cacheDir: path.join(app, '.parcel-cache'),
      defaultTargetOptions: { distDir: path.join(app, 'dist'), publicUrl: './' },
      logLevel: 'error',
    })
    await parcel.run()
  },
}

/** The builds asked for one output file, which then holds the bulk chunk too. */
const SINGLE_FILE = new Set(['esbuild, its default format (iife)', 'esbuild --format=esm'])

let fake
let temp
let browser
let tarball
const sizes = {}
const built = {}

/** A fresh project with the tarball installed and the app's sources. */
async function newApp(name, template) {
  const app = path.join(temp.dir, 'apps', name.replace(/[^a-z0-9]+/gi, '-'))
  await cp(template, app, { recursive: true })
  return app
}

before(async () => {
  fake = await startFakeSeam()
  temp = await tempDir('seam-acs-toolchains-')
  ;({ tarball } = await packPackage(temp.dir))
  const template = await installedProject(path.join(temp.dir, 'template'), tarball)
  await cp(path.join(FIXTURES, 'app-main.js'), path.join(template, 'main.js'))
  await cp(path.join(FIXTURES, 'app-main.cjs'), path.join(template, 'main.cjs'))
  await cp(path.join(FIXTURES, 'browser-checks.mjs'), path.join(template, 'checks.mjs'))
  await writeFile(path.join(template, 'index.html'), MODULE_PAGE)
  // Builds in parallel; each outcome is awaited by its own test.
  for (const [name, build] of Object.entries(BUILDS)) {
    built[name] = newApp(name, template).then(async (app) => {
      await build(app)
      return app
    })
    built[name].catch(() => {})
  }
  browser = await launchChromium()
})

after(async () => {
  await browser?.close()
  await fake?.close()
  await temp?.remove()
  const rows = Object.entries(sizes).map(
    ([name, { files, gzip }]) => `  ${name}: ${gzip.toLocaleString('en-US')} B gzip in ${files} file(s)`,
  )
  console.log(`[imports/toolchains] what a browser downloads (scripts and wasm, gzip -9 each):\n${rows.join('\n')}`)
})

/** Serves `dir` at the root of its own origin, visits it, and checks what the page saw. */
async function runSite(name, mounts) {
  const site = await startStaticServer(mounts)
  try {
    fake.requests.reset()
    const seen = await visit(browser, `${site.url}/`, fake)
    assertBrowserOutcome(seen, fake)
    sizes[name] = { files: seen.downloads.length, gzip: seen.downloads.reduce((sum, d) => sum + d.gzip, 0) }
    // Every byte of wasm came inside a script: no page fetched a .wasm file.
    assert.deepEqual(
      seen.downloads.filter((d) => d.url.endsWith('.wasm')),
      [],
    )
  } finally {
    await site.close()
  }
}

describe('toolchains (the packed package, no configuration)', () => {
  for (const name of Object.keys(BUILDS)) {
    it(`${name}: builds, and the app works in Chromium`, async () => {
      const app = await built[name]
      const dist = path.join(app, 'dist')
      assert.deepEqual(
        (await readdir(dist)).filter((file) => file.endsWith('.wasm')),
        [],
        'no .wasm asset is emitted',
      )
      // The bulk runs are a chunk of their own wherever the toolchain splits code: an app
      // that never calls createMany/deleteMany never downloads them.
      if (!SINGLE_FILE.has(name)) {
        const scripts = (await readdir(dist, { recursive: true })).filter((file) => /\.m?js$/.test(file))
        assert.ok(scripts.length >= 2, `the bulk chunk is its own file: ${scripts.join(', ')}`)
      }
      await runSite(name, { '/': dist })
    })
  }

  it('a plain <script type="module"> importing the installed web.js works', async () => {
    const app = await newApp('plain', path.join(temp.dir, 'template'))
    await writeFile(
      path.join(app, 'index.html'),
      page(
        `<script type="module">\n  import * as pkg from '/pkg/web.js'\n  import { report } from '/checks.mjs'\n  report(pkg)\n</script>`,
      ),
    )
    await runSite('plain <script type="module">', {
      '/pkg/': path.join(app, 'node_modules', 'seam-acs-wasm'),
      '/': app,
    })
  })

  for (const major of Object.keys(toolchains.vite)) {
    it(`Vite ${major} dev server: the app works in Chromium`, async () => {
      const app = await newApp(`vite-${major}-dev`, path.join(temp.dir, 'template'))
      const { createServer } = await toolchains.vite[major]()
      const server = await createServer({
        root: app,
        configFile: false,
        logLevel: 'silent',
        server: { host: '127.0.0.1', port: 0, strictPort: true },
      })
      await server.listen()
      try {
        fake.requests.reset()
        const seen = await visit(browser, `http://127.0.0.1:${server.httpServer.address().port}/`, fake)
        assertBrowserOutcome(seen, fake)
      } finally {
        await server.close()
      }
    })
  }
})
