// The package's types, as a TypeScript user meets them: imports/consumer.ts uses every
// method and error class, and must pass `tsc --strict --noEmit` with Node's module
// resolution (nodenext) and with a bundler's; "seam-acs-wasm" must resolve to the
// package's `types` export. Its misuse lines carry `@ts-expect-error`; a second check
// compiles the file without those directives and requires an error on exactly those lines
// (so each directive is satisfied by the misuse it names, not by some other error).
//
// Run: node tests/link-package.mjs && cd tests && node --test imports/types.test.mjs

import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

import ts from 'typescript'

import { PKG_DIR, TESTS_DIR } from '../integration/servers.mjs'

const IMPORTS = path.dirname(fileURLToPath(import.meta.url))
const CONSUMER = path.join(IMPORTS, 'consumer.ts')
const TSC = path.join(TESTS_DIR, 'node_modules', 'typescript', 'bin', 'tsc')

function runTsc(args, timeoutMs = 45_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, ...args], { cwd: TESTS_DIR, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`tsc ${args.join(' ')} took more than ${timeoutMs} ms`))
    }, timeoutMs)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

function parseConfig(tsconfig) {
  return ts.getParsedCommandLineOfConfigFile(
    path.join(IMPORTS, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  )
}

/** The diagnostics of consumer.ts, with `source` in its place, under a tsconfig (in process). */
function compile(tsconfig, source) {
  const parsed = parseConfig(tsconfig)
  const host = ts.createCompilerHost(parsed.options)
  const readSource = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, language, ...rest) =>
    path.resolve(fileName) === CONSUMER
      ? ts.createSourceFile(fileName, source, language, true)
      : readSource(fileName, language, ...rest)
  return ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options, host))
}

const lineOf = (d) => (d.file ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0)
const describeDiagnostic = (d) =>
  `${d.file ? `${path.relative(TESTS_DIR, d.file.fileName)}:${lineOf(d)}` : ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`

const CONFIGS = ['tsconfig.json', 'tsconfig.bundler.json']
let cliRuns

// The two tsc runs are separate processes: start them together, and compile in process meanwhile.
before(() => {
  cliRuns = Object.fromEntries(
    CONFIGS.map((tsconfig) => [tsconfig, runTsc(['--strict', '--noEmit', '-p', path.join('imports', tsconfig)])]),
  )
  // Reported by the tests that await them; never an unhandled rejection.
  for (const run of Object.values(cliRuns)) run.catch(() => {})
})

describe('TypeScript', () => {
  for (const tsconfig of CONFIGS) {
    it(`tsc --strict --noEmit -p imports/${tsconfig} passes`, async () => {
      const run = await cliRuns[tsconfig]
      assert.equal(run.code, 0, run.output)
      assert.equal(run.output.trim(), '')
    })

    it(`"seam-acs-wasm" resolves to the package's types export (${tsconfig})`, () => {
      const { options } = parseConfig(tsconfig)
      // consumer.ts is an ES module (tests/package.json says "type": "module"): resolved as an import.
      const { resolvedModule } = ts.resolveModuleName(
        'seam-acs-wasm',
        CONSUMER,
        options,
        ts.sys,
        undefined,
        undefined,
        ts.ModuleKind.ESNext,
      )
      assert.ok(resolvedModule, 'seam-acs-wasm did not resolve')
      assert.equal(resolvedModule.extension, '.d.ts')
      assert.equal(realpathSync(resolvedModule.resolvedFileName), realpathSync(path.join(PKG_DIR, 'index.d.ts')))
      assert.equal(resolvedModule.isExternalLibraryImport, true, 'resolved as a package in node_modules')
      const manifest = JSON.parse(readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'))
      assert.equal(manifest.exports['.'].types, './index.d.ts')
    })
  }

  it('a CommonJS consumer gets index.d.cts, with the generated API re-exported as for import', () => {
    const file = path.join(IMPORTS, 'consumer-require.cts')
    const { options } = parseConfig('tsconfig.json')
    const { resolvedModule } = ts.resolveModuleName(
      'seam-acs-wasm',
      file,
      options,
      ts.sys,
      undefined,
      undefined,
      ts.ModuleKind.CommonJS,
    )
    assert.equal(realpathSync(resolvedModule.resolvedFileName), realpathSync(path.join(PKG_DIR, 'index.d.cts')))
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([file], options))
    assert.deepEqual(diagnostics.map(describeDiagnostic), [])
  })

  it('each @ts-expect-error is met by the misuse on its line, and nothing else fails', () => {
    const lines = readFileSync(CONSUMER, 'utf8').split('\n')
    const expected = new Set()
    const stripped = lines.map((line, i) => {
      if (!/^\s*\/\/ @ts-expect-error/.test(line)) return line
      expected.add(i + 2) // the 1-based number of the next line
      return ''
    })
    assert.ok(expected.size >= 10, `only ${expected.size} misuse lines`)
    const diagnostics = compile('tsconfig.json', stripped.join('\n'))
    const elsewhere = diagnostics.filter((d) => d.file?.fileName !== CONSUMER || !expected.has(lineOf(d)))
    assert.deepEqual(elsewhere.map(describeDiagnostic), [], 'errors outside the misuse lines')
    const failing = new Set(diagnostics.map(lineOf))
    const compiled = [...expected]
      .filter((line) => !failing.has(line))
      .map((line) => `${line}: ${lines[line - 1].trim()}`)
    assert.deepEqual(compiled, [], 'misuse that compiles')
  })
})
