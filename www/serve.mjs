#!/usr/bin/env node
// Serves the admin console (www/) and the built package (crates/wasm/pkg/) on 127.0.0.1,
// plus a /config.json that prefills the console's connect panel.
//
//   node www/serve.mjs                       local Seam server (tests/fake-seam) with seeded data
//   SEAM_API_KEY=… [SEAM_ENDPOINT=…] node www/serve.mjs   static files only, pointed at that workspace
//
// PORT (default 8080) picks the port; a busy port falls back to a free one.
// It answers only Host 127.0.0.1, localhost or [::1] with its port (DNS rebinding gets 421),
// plus the names in SEAM_CONSOLE_HOSTS (comma-separated) when you put it behind one.
// In remote mode /config.json holds the endpoint only: the console asks for the key.
// SEAM_CONSOLE_PREFILL_KEY=1 puts the key in it too, to prefill the console; then anything
// that can reach this port on this machine (any local user or program) can read your
// workspace's API key. Pages on other names or origins still cannot (Host list, no CORS).
// `startConsoleServer()` is exported for the end-to-end test.

import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { admit, createAllowList, SECURITY_HEADERS } from "../tests/fake-seam/security.mjs";
import { createMounts, resolveStaticFile, sendFile } from "../tests/fake-seam/static.mjs";

const HOST = "127.0.0.1";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The Bulk view reads CSVs with the seam-acs command's module (cli/lib/csv.mjs) and its
// papaparse: one CSV format, one parser, in the command and the console.
const STATIC_DIRS = {
  "/": path.join(ROOT, "www"),
  "/pkg/": path.join(ROOT, "crates/wasm/pkg"),
  "/cli/lib/": path.join(ROOT, "cli/lib"),
  "/vendor/papaparse/": path.join(ROOT, "cli/node_modules/papaparse"),
};
const DEFAULT_SEAM_ENDPOINT = "https://connect.getseam.com";

/**
 * Starts the console's server.
 *
 * Without `env.SEAM_API_KEY`: the local Seam server (startFakeSeam) serves the API and the
 * static files; a small front server on `port` answers /config.json and relays everything
 * else to it, so the console, the package and the API share one origin.
 * With `env.SEAM_API_KEY`: the front server serves the static files and a /config.json
 * pointing at `env.SEAM_ENDPOINT` (default https://connect.getseam.com), with the key only
 * when `env.SEAM_CONSOLE_PREFILL_KEY` is 1.
 * Every answer carries the security headers; a Host outside the allow-list gets 421.
 *
 * @param {{ port?: number, env?: Record<string, string | undefined>, limits?: object }} options
 *   port: 0 for any free port; a busy port falls back to a free one;
 *   limits: the local Seam server's rate limit and faults (tests/fake-seam/limits.mjs), off by default.
 * @returns {Promise<{ url: string, mode: 'local' | 'remote', endpoint: string,
 *   seed?: object, requests?: object[] & { reset(): void }, limits?: object, close(): Promise<void> }>}
 *   limits (local mode): the fake's, to `configure()` faults while a test runs.
 */
export async function startConsoleServer({ port = 8080, env = process.env, limits } = {}) {
  const apiKey = env.SEAM_API_KEY?.trim();
  const allowList = createAllowList({ hosts: env.SEAM_CONSOLE_HOSTS?.split(",").filter((h) => h.trim()) ?? [] });
  if (apiKey) {
    const endpoint = env.SEAM_ENDPOINT?.trim() || DEFAULT_SEAM_ENDPOINT;
    const config =
      env.SEAM_CONSOLE_PREFILL_KEY === "1" ? { endpoint, token: apiKey, tokenKind: "api_key" } : { endpoint };
    return startRemote({ port, config, allowList });
  }
  return startLocal({ port, allowList, limits });
}

/** The front server: the allow-list and security headers first, then `handle`. */
function createFront(allowList, handle) {
  return http.createServer((req, res) => {
    if (admit(req, res, allowList)) handle(req, res);
  });
}

async function startLocal({ port, allowList, limits }) {
  // Imported here so the remote mode does not need the fake's npm packages.
  const { startFakeSeam } = await import("../tests/fake-seam/server.mjs");
  const fake = await startFakeSeam({ port: 0, staticDirs: STATIC_DIRS, limits });
  const target = new URL(fake.url);
  const agent = new http.Agent({ keepAlive: true });
  let config;
  let front;
  try {
    front = await listen(
      createFront(allowList, (req, res) => {
        if (isConfigRequest(req)) return sendJson(res, config);
        relay(req, res, { target, agent });
      }),
      port,
    );
  } catch (error) {
    await fake.close();
    throw error;
  }
  const url = urlOf(front);
  config = { endpoint: url, token: fake.seed.api_key, tokenKind: "api_key" };
  return {
    url,
    mode: "local",
    endpoint: url,
    seed: fake.seed,
    requests: fake.requests,
    limits: fake.limits,
    close: once(async () => {
      await closeServer(front);
      agent.destroy();
      await fake.close();
    }),
  };
}

async function startRemote({ port, config, allowList }) {
  const mounts = createMounts(STATIC_DIRS);
  const front = await listen(
    createFront(allowList, (req, res) => {
      if (isConfigRequest(req)) return sendJson(res, config);
      serveStatic(req, res, mounts).catch((error) => {
        if (res.headersSent) res.destroy(error);
        else sendText(res, 500, "Internal error");
      });
    }),
    port,
  );
  return { url: urlOf(front), mode: "remote", endpoint: config.endpoint, close: once(() => closeServer(front)) };
}

const isConfigRequest = (req) =>
  (req.method === "GET" || req.method === "HEAD") && new URL(req.url, "http://x").pathname === "/config.json";

async function serveStatic(req, res, mounts) {
  if (req.method !== "GET" && req.method !== "HEAD") return sendText(res, 405, "Method not allowed");
  const file = await resolveStaticFile(mounts, new URL(req.url, "http://x").pathname);
  if (file == null) return sendText(res, 404, "Not found");
  return sendFile(req, res, file);
}

/**
 * Forwards one request to the local Seam server (as addressed to it: its own Host) and
 * streams its answer back, with our security headers.
 */
function relay(req, res, { target, agent }) {
  const headers = { ...req.headers, host: target.host };
  const upstream = http.request(
    { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...SECURITY_HEADERS });
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (res.headersSent) res.destroy();
    else sendText(res, 502, "The local Seam server did not answer");
  });
  req.pipe(upstream);
}

function sendJson(res, body) {
  const json = Buffer.from(JSON.stringify(body));
  res.writeHead(200, { "content-type": "application/json", "content-length": json.length });
  res.end(json);
}

function sendText(res, status, text) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Listens on `port` on 127.0.0.1, or on a free port when `port` is busy. */
function listen(server, port) {
  const attempt = (p) =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, HOST, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  return attempt(port).catch((error) => {
    if (error.code !== "EADDRINUSE" || port === 0) throw error;
    return attempt(0);
  });
}

const urlOf = (server) => `http://${HOST}:${server.address().port}`;

function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function once(fn) {
  let result;
  return () => (result ??= fn());
}

function parsePort(value) {
  if (value == null || value === "") return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${value}`);
  return port;
}

async function main() {
  const port = parsePort(process.env.PORT);
  const server = await startConsoleServer({ port });
  if (port !== 0 && !server.url.endsWith(`:${port}`)) console.log(`Port ${port} is busy; using a free one.`);
  console.log(`Admin console: ${server.url}/`);
  if (server.mode === "local") {
    console.log("Local Seam server with seeded data (same origin as the console):");
    console.log(`  API key:               ${server.seed.api_key}`);
    console.log(`  client session token:  ${server.seed.client_session_token}`);
  } else {
    // The key itself is never printed.
    console.log(`Pointed at ${server.endpoint}.`);
    console.log(
      process.env.SEAM_CONSOLE_PREFILL_KEY === "1"
        ? "SEAM_CONSOLE_PREFILL_KEY=1: /config.json hands out the API key from SEAM_API_KEY to prefill the console."
        : "Paste your API key into the console to connect (SEAM_CONSOLE_PREFILL_KEY=1 would prefill it).",
    );
  }
  console.log("Ctrl-C to stop.");
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`serve: ${error.message}`);
    process.exit(1);
  });
}
