/**
 * Property tests (fast-check): in CI, one fixed seed, so that a red run replays exactly with the same cases
 * on any machine (`CI=true npx vitest run ...`); elsewhere a random seed per run, so that local runs keep
 * exploring new cases. `FUZZ_SEED` overrides both. A failure prints its seed and path either way.
 */
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED ?? (process.env.CI ? '20261129' : undefined);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
