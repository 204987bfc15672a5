/**
 * The sync's progress on a terminal: one line redrawn in place (phase, a bar, counts, rate,
 * elapsed), at most ten times a second, with log lines printed above it. Off a terminal the
 * plain log lines are the whole output.
 * Kept rather than a library: one redrawn line with log lines printed above it is all the sync
 * needs, in 50 lines with no dependency, and the bar is off in CI and cron, where runs happen.
 */
const WIDTH = 24;

/** The progress line for `done` of `total` rows of `phase`, `ms` after the phase began. */
export function progressLine(phase: string, done: number, total: number, ms: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * WIDTH);
  const rate = ms > 0 ? Math.round((done / ms) * 1000) : 0;
  const n = (x: number) => x.toLocaleString('en-US');
  return `${phase} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${n(done)}/${n(total)} · ${n(rate)}/s · ${(ms / 1000).toFixed(1)} s`;
}

export interface Terminal {
  write(text: string): unknown;
}

export class ProgressBar {
  private phase = '';
  private phaseStarted = 0;
  private lastDraw = 0;
  private shown = '';

  constructor(
    private readonly out: Terminal,
    private readonly now: () => number = Date.now
  ) {}

  update(phase: string, done: number, total: number): void {
    const t = this.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.phaseStarted = t;
    } else if (done < total && t - this.lastDraw < 100) {
      return;
    }
    this.lastDraw = t;
    this.draw(progressLine(phase, done, total, t - this.phaseStarted));
  }

  /** A log line above the bar. */
  log(line: string): void {
    this.out.write(`\r\x1b[K${line}\n`);
    if (this.shown) this.out.write(this.shown);
  }

  done(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = '';
  }

  private draw(line: string): void {
    this.shown = line;
    this.out.write(`\r\x1b[K${line}`);
  }
}
