import { expectTypeOf, test } from 'vitest';
import type { CheckResult, ExitCode, MvtMatchedIndicator, VigilAlert } from './index.js';
import { checkArtifacts, EXIT_CODES, exportRules, runCli } from './index.js';

test('runCli resolves to an exit code and takes partial io', () => {
  expectTypeOf(runCli).parameter(0).toEqualTypeOf<readonly string[]>();
  expectTypeOf(runCli(['--version'], { cwd: '/' })).resolves.toBeNumber();
  expectTypeOf(EXIT_CODES.found).toEqualTypeOf<2>();
  expectTypeOf<ExitCode>().toEqualTypeOf<0 | 1 | 2>();
});

test("alerts carry MVT 3's fields", () => {
  expectTypeOf<VigilAlert>().toHaveProperty('event_time').toEqualTypeOf<string | null>();
  expectTypeOf<VigilAlert>().toHaveProperty('matched_indicator').toEqualTypeOf<MvtMatchedIndicator>();
  expectTypeOf(checkArtifacts).returns.resolves.toEqualTypeOf<CheckResult>();
});

test('exportRules only takes known formats', () => {
  // @ts-expect-error: not a rule format
  exportRules([], { format: 'snort' });
  expectTypeOf(exportRules([], { format: 'rpz' }).text).toBeString();
});
