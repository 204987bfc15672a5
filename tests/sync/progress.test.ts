/** The sync's progress bar on a terminal (scripts/sync/progress.ts). */
import { ProgressBar, progressLine } from '../../scripts/sync/progress';

describe('progress on a terminal', () => {
  it('draws phase, bar, counts, rate and time', () => {
    expect(progressLine('extract Opportunity', 5000, 20000, 2000)).toBe(
      'extract Opportunity [######------------------] 5,000/20,000 · 2,500/s · 2.0 s'
    );
    expect(progressLine('load Deal_Insight__c', 0, 0, 0)).toBe(
      'load Deal_Insight__c [########################] 0/0 · 0/s · 0.0 s'
    );
  });

  it('redraws at most ten times a second, always the end of a phase, with log lines above', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s) }, () => t);
    bar.update('extract User', 0, 100);
    t = 50;
    bar.update('extract User', 40, 100); // 50 ms later: skipped
    t = 120;
    bar.update('extract User', 60, 100);
    t = 130;
    bar.update('extract User', 100, 100); // the end of the phase is always drawn
    bar.log('extract: opportunities');
    bar.done();
    expect(out).toEqual([
      '\r\x1b[Kextract User [------------------------] 0/100 · 0/s · 0.0 s',
      '\r\x1b[Kextract User [##############----------] 60/100 · 500/s · 0.1 s',
      '\r\x1b[Kextract User [########################] 100/100 · 769/s · 0.1 s',
      '\r\x1b[Kextract: opportunities\n',
      'extract User [########################] 100/100 · 769/s · 0.1 s',
      '\r\x1b[K'
    ]);
  });
});
