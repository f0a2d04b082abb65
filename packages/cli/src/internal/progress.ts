import type { CliStream } from '../cli-io.js';

/** A progress bar on a terminal; does nothing on anything else. */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const NONE: Progress = { update: () => {}, finish: () => {} };

/** Creates a progress bar for `total` steps on `stream`, shown only when it is a terminal and the work is long. */
export function createProgress(stream: CliStream, total: number, label: string, minTotal = 20_000): Progress {
  if (stream.isTTY !== true || total < minTotal) return NONE;
  const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
  let lastPercent = -1;
  const draw = (done: number): void => {
    const percent = Math.floor((done / total) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const filled = Math.round((done / total) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total}`,
    );
  };
  return {
    update: draw,
    finish: () => {
      draw(total);
      stream.write('\n');
    },
  };
}
