import type { Diagnostic, SourceLocation } from '../indicator.js';
import type { LoadOptions } from '../load-options.js';

/** Default `maxDiagnostics`. */
export const DEFAULT_MAX_DIAGNOSTICS = 10_000;

/**
 * Collects diagnostics up to a limit, so a huge file of garbage cannot use unbounded memory on them; past
 * the limit it counts them by code and `done()` adds one `DIAGNOSTICS_TRUNCATED` warning with the counts.
 */
export interface DiagnosticSink {
  push(d: Diagnostic): void;
  done(): Diagnostic[];
}

export function createDiagnosticSink(
  options: LoadOptions,
  initial: readonly Diagnostic[] = [],
): DiagnosticSink {
  const max = Math.max(0, options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS);
  const items: Diagnostic[] = [];
  const dropped = new Map<string, number>();
  let droppedTotal = 0;
  const sink: DiagnosticSink = {
    push(d) {
      if (items.length < max) items.push(d);
      else {
        droppedTotal++;
        dropped.set(d.code, (dropped.get(d.code) ?? 0) + 1);
      }
    },
    done() {
      if (droppedTotal === 0) return items;
      const counts = [...dropped].map(([code, n]) => `${code} × ${n}`).join(', ');
      const location: SourceLocation = options.file === undefined ? {} : { file: options.file };
      return [
        ...items,
        {
          code: 'DIAGNOSTICS_TRUNCATED',
          severity: 'warning',
          message: `${droppedTotal} more diagnostic(s) past the maxDiagnostics limit of ${max} were counted but not kept: ${counts}.`,
          location,
        },
      ];
    },
  };
  for (const d of initial) sink.push(d);
  return sink;
}
