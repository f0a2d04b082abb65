import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['@vigil/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: ['core', 'matcher', 'report', 'client', 'server', 'cli'].map((name) => ({
      extends: true,
      test: {
        name,
        root: `packages/${name}`,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      },
    })),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
