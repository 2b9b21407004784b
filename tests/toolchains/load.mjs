// The toolchains of imports/toolchains.test.mjs, loaded from here so that they resolve
// from tests/toolchains/node_modules (pinned by this directory's package-lock.json).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export const vite = {
  5: () => import('vite5'),
  6: () => import('vite6'),
  7: () => import('vite7'),
  8: () => import('vite8'),
}
export const webpack = () => import('webpack').then((module) => module.default)
export const rollup = () => import('rollup')
export const nodeResolve = () => import('@rollup/plugin-node-resolve').then((module) => module.nodeResolve)
// @parcel/core is CommonJS with its class as `exports.default`.
export const Parcel = () => import('@parcel/core').then((module) => module.default.default ?? module.default)
export const parcelConfig = () => require.resolve('@parcel/config-default')
