import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Reads the workspace packages from their TypeScript sources (the @vigil/source condition), so the page
// builds without building the packages first.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { conditions: ['@vigil/source', 'browser', 'module', 'import', 'default'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
  logLevel: 'warn',
});
