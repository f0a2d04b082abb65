import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('draws on a terminal only, and only for long work', () => {
    const tty: string[] = [];
    const bar = createProgress(
      { write: (t) => void tty.push(t), isTTY: true, columns: 80 },
      50_000,
      'Matching',
    );
    bar.update(25_000);
    bar.update(25_001);
    bar.finish();
    expect(tty[0]).toMatch(/^\rMatching \[#+\.+\] 50% 25000\/50000$/u);
    expect(tty).toHaveLength(3);
    expect(tty.at(-1)).toBe('\n');
    const pipe: string[] = [];
    const quiet = createProgress({ write: (t) => void pipe.push(t), isTTY: false }, 50_000, 'Matching');
    quiet.update(10);
    quiet.finish();
    const short = createProgress({ write: (t) => void pipe.push(t), isTTY: true }, 10, 'Matching');
    short.update(5);
    short.finish();
    expect(pipe).toEqual([]);
  });
});
