import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'bulk-worker': 'src/internal/bulk-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // `import.meta.url` in the CommonJS build of the bulk path (it locates bulk-worker.cjs).
  shims: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
});
