/**
 * Property tests (fast-check): in CI, one fixed seed, so that a red run replays exactly with the same cases
 * on any machine (`CI=true npx vitest run ...`); elsewhere a random seed per run, so that local runs keep
 * exploring new cases. `FUZZ_SEED` overrides both. A failure prints its seed and path either way.
 *
 * In CI a failing property also stops at its first counterexample instead of shrinking it: shrinking
 * re-runs the property hundreds of times (minutes for the report renderers), and the seed and path it
 * prints replay and shrink the same case locally.
 */
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED ?? (process.env.CI ? '20261129' : undefined);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
if (process.env.CI) fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
