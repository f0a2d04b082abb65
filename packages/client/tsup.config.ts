import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // ky is ESM-only. Left external, the CommonJS build's `require('ky')` fails before Node 20.19, and
  // after it esbuild's interop hands back the module namespace as `default` (`ky.default.create` is not a
  // function). Bundling it keeps `require('@vigil/client')` working; scripts/pack-check.mjs checks this.
  noExternal: ['ky'],
  banner: {
    js: '/*! Includes ky (https://github.com/sindresorhus/ky), MIT License, Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com) */',
  },
});
