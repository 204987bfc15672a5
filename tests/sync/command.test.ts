/**
 * The sync command (scripts/sync/command.ts, what `npm run sync` runs) in the test's own
 * process, on streams the test reads: its option checks, its connection choices and their
 * errors, and what a run prints, against the hand-built org (tests/sync/fixture/org.ts). The
 * tests in ux.test.ts, digest-cli.test.ts and crash.test.ts run the same command as its own
 * process.
 *
 * The hand-built org's first run as of 2026-11-20, worked out in tests/sync/fixture.test.ts:
 * 11 deals scored (9 open, 2 closed in the win-rate window), 9 insights, 4 snapshots (Mia
 * Manager, Ana Ahmed, Ben Bauer, Cleo Costa), 2 rollups (Mia's team and the org), 75 rows read,
 * 15 written, 14 read shares; the org's tipping point 0 % (no adopter among the 4).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncCommand, type CommandIo } from '../../scripts/sync/command';
import { AS_OF, buildFixtureOrg, type FixtureOrg } from './fixture/org';
import { connectAsAdmin, queryAll } from './org';

/** The first line of the usage text, and its last (cli.ts and command.ts USAGE). */
const USAGE_FIRST =
  'usage: npm run sync -- (--target-org <alias> | --instance-url <url> | --login-url <url> | --local)';
const USAGE_LAST = '  [--help]                      this text';
const CHOOSE = 'choose one of --target-org, --instance-url, --login-url or --local';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/** Runs the command with `env` as its whole environment; stderr is a terminal if `tty`. */
async function run(
  argv: string[],
  env: Record<string, string> = {},
  options: { tty?: boolean; kill?: () => void } = {}
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let killed = false;
  const io: CommandIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty === true },
    env,
    kill:
      options.kill ??
      (() => {
        killed = true;
      })
  };
  const status = await syncCommand(argv, io);
  return { status, stdout, stderr, killed };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ac-command-'));
  dirs.push(dir);
  return dir;
}
const fixtures: FixtureOrg[] = [];
async function fixture(): Promise<FixtureOrg> {
  const f = await buildFixtureOrg();
  fixtures.push(f);
  return f;
}
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.org.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The options of a run on the fixture org as its integration user, as of the scoring day. */
function onFixture(f: FixtureOrg, ...flags: string[]): [string[], Record<string, string>] {
  return [
    [
      '--instance-url',
      f.org.instanceUrl,
      '--as-of',
      AS_OF,
      '--backfill-periods',
      '0',
      ...(flags.includes('--state-dir') ? [] : ['--state-dir', tempDir()]),
      ...flags
    ],
    { SF_ACCESS_TOKEN: f.org.accessToken }
  ];
}

describe('options', () => {
  it.each([['--help'], ['-h']])('%s prints the usage on stdout and exits 0', async (flag) => {
    const r = await run([flag]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(`${USAGE_FIRST}\n`)).toBe(true);
    expect(r.stdout.endsWith(`${USAGE_LAST}\n`)).toBe(true);
  });

  it('refuses an unknown option and a stray word with the usage, exit 2', async () => {
    const unknown = await run(['--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("'--bogus'");
    expect(unknown.stderr).toContain(`\n${USAGE_FIRST}\n`);
    expect(unknown.stderr.endsWith(`${USAGE_LAST}\n`)).toBe(true);
    const stray = await run(['--local', 'extra']);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain("'extra'");
    expect(stray.stderr).toContain(`\n${USAGE_FIRST}\n`);
  });

  // A value the check accepts gets as far as the connection, where none is named: the usage
  // error "choose one of …". A value it refuses stops with its own line before that.
  const AS_OF_ERROR = '--as-of must be a date YYYY-MM-DD';
  const AUDIENCE_ERROR =
    '--audience must name permission sets by API name, comma-separated (e.g. Adoption_Coach_Rep,Adoption_Coach_Manager)';
  const BACKFILL_ERROR = '--backfill-periods must be a whole number of periods (0 for none)';
  const SHARE_ERROR = '--max-api-share must be a number in (0, 1]';
  it.each([
    // Four, two and two digits with dashes, and a real day.
    ['--as-of=2026-11-20', CHOOSE],
    // A day of month 2 … 1 digit, a year of 3 digits, a day of 3 digits: not the pattern.
    ['--as-of=2026-11-2', AS_OF_ERROR],
    ['--as-of=226-11-20', AS_OF_ERROR],
    ['--as-of=2026-11-201', AS_OF_ERROR],
    ['--as-of=x2026-11-20', AS_OF_ERROR],
    // The pattern, but month 13 day 45 is no date (Date.parse gives NaN).
    ['--as-of=2026-13-45', AS_OF_ERROR],
    // Names are trimmed around the commas; each starts with a letter, then letters, digits, _.
    ['--audience=Adoption_Coach_Rep, Adoption_Coach_Manager', CHOOSE],
    ['--audience=Set2', CHOOSE],
    ["--audience=Adoption_Coach_Rep,x') OR Id != ('", AUDIENCE_ERROR],
    ['--audience=2Set', AUDIENCE_ERROR],
    ['--audience=Rep-Set', AUDIENCE_ERROR],
    ['--audience=', AUDIENCE_ERROR],
    // One to three digits.
    ['--backfill-periods=0', CHOOSE],
    ['--backfill-periods=999', CHOOSE],
    ['--backfill-periods=1000', BACKFILL_ERROR],
    ['--backfill-periods=-1', BACKFILL_ERROR],
    ['--backfill-periods=1.5', BACKFILL_ERROR],
    ['--backfill-periods=', BACKFILL_ERROR],
    ['--backfill-periods=x8', BACKFILL_ERROR],
    ['--backfill-periods=8x', BACKFILL_ERROR],
    // Above 0 and at most 1.
    ['--max-api-share=1', CHOOSE],
    ['--max-api-share=0.01', CHOOSE],
    ['--max-api-share=0', SHARE_ERROR],
    ['--max-api-share=1.01', SHARE_ERROR],
    ['--max-api-share=-0.5', SHARE_ERROR],
    ['--max-api-share=half', SHARE_ERROR]
  ])('%s: %s', async (flag, first) => {
    const r = await run([flag]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`${first}\n${USAGE_FIRST}\n`)).toBe(true);
    expect(r.stderr.endsWith(`${USAGE_LAST}\n`)).toBe(true);
  });

  it('takes exactly one way to connect', async () => {
    for (const flags of [[], ['--local', '--instance-url', 'http://127.0.0.1:1']]) {
      const r = await run(flags);
      expect(r.status).toBe(2);
      expect(r.stderr.startsWith(`${CHOOSE}\n${USAGE_FIRST}\n`)).toBe(true);
    }
  });

  it('refuses a config file that is not valid JSON, naming it, exit 2', async () => {
    const file = join(tempDir(), 'broken.json');
    writeFileSync(file, '{');
    const r = await run(['--config', file, '--local']);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith('config refused: ')).toBe(true);
    expect(r.stderr).toContain('broken.json');
    expect(r.stderr).not.toContain(USAGE_FIRST);
  });
});

describe('logins that cannot be made (exit 2, one line, no usage)', () => {
  it('--instance-url without SF_ACCESS_TOKEN', async () => {
    const r = await run(['--instance-url', 'http://127.0.0.1:1']);
    expect(r).toMatchObject({
      status: 2,
      stdout: '',
      stderr:
        'SF_ACCESS_TOKEN is not set: export the access token of the integration user, or use --target-org <alias>\n'
    });
  });

  it('--login-url without all four of its variables', async () => {
    // Three of the four set: still refused before any call.
    const r = await run(['--login-url', 'http://127.0.0.1:1'], {
      SF_USERNAME: 'u@example.com',
      SF_PASSWORD: 'p',
      SF_CLIENT_ID: 'id'
    });
    expect(r).toMatchObject({
      status: 2,
      stderr:
        'the username-password flow needs SF_USERNAME, SF_PASSWORD, SF_CLIENT_ID and SF_CLIENT_SECRET\n'
    });
  });

  it('--login-url with a wrong password names the login URL and the user, never the password', async () => {
    const f = await fixture();
    const { username, clientId, clientSecret, loginUrl } = f.org.credentials;
    const r = await run(['--login-url', loginUrl, '--dry-run'], {
      SF_USERNAME: username,
      SF_PASSWORD: 'not-the-password',
      SF_CLIENT_ID: clientId,
      SF_CLIENT_SECRET: clientSecret
    });
    expect(r).toMatchObject({
      status: 2,
      stderr: `login to ${loginUrl} as ${username} failed: check the credentials and the connected app\n`
    });
    expect(r.stderr).not.toContain('not-the-password');
    expect(r.stderr).not.toContain(clientSecret);
  });

  it('--login-url with the right credentials logs in and runs', async () => {
    const f = await fixture();
    const { username, password, clientId, clientSecret, loginUrl } = f.org.credentials;
    const r = await run(
      [
        '--login-url',
        loginUrl,
        '--as-of',
        AS_OF,
        '--backfill-periods',
        '0',
        '--state-dir',
        tempDir(),
        '--dry-run',
        '--json'
      ],
      {
        SF_USERNAME: username,
        SF_PASSWORD: password,
        SF_CLIENT_ID: clientId,
        SF_CLIENT_SECRET: clientSecret
      }
    );
    expect(r.status).toBe(0);
    // The integration user's session: the same 4 snapshots and 9 insights as any full run.
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, snapshots: 4, insights: 9 });
    expect(r.stderr).not.toContain(password);
  });

  it('a user without the integration permission set: the field check refuses, exit 2', async () => {
    const f = await fixture();
    const [argv] = onFixture(f);
    // Ana holds Adoption_Coach_Rep, which reads her snapshots but edits none of their fields
    // (Adoption_Coach_Rep.permissionset-meta.xml): the sync's writes are out of her reach.
    const r = await run(argv, { SF_ACCESS_TOKEN: f.org.tokenFor(f.users.ana) });
    expect(r.status).toBe(2);
    // The field check's first line (the 19 objects of syncNeeds, see ux.test.ts), then the refusal.
    expect(r.stderr).toMatch(
      /^field check: describing 19 objects\nthe sync's user cannot use \d+ field\(s\) it needs:\n {2}/
    );
    expect(
      r.stderr.endsWith(
        'Deploy Adoption Coach (sf project deploy start) and assign the Adoption_Coach_Integration permission set to this user.\n'
      )
    ).toBe(true);
    expect([...f.org.store.scan('Deal_Insight__c')]).toHaveLength(0);
  });

  it('a token the org does not know: the session is invalid', async () => {
    const f = await fixture();
    const [argv] = onFixture(f);
    const r = await run(argv, { SF_ACCESS_TOKEN: 'not-a-session' });
    expect(r.status).toBe(2);
    expect(
      r.stderr.endsWith(
        'the session has expired or is invalid: log in again (sf org login web -a <alias>)\n'
      )
    ).toBe(true);
  });
});

describe('a run on the hand-built org', () => {
  it('--json: one summary line on stdout, without teams, org rows and governance', async () => {
    const f = await fixture();
    const r = await run(...onFixture(f, '--json'));
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    // One line and its newline.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const summary = JSON.parse(lines[0]);
    expect(summary).toMatchObject({
      asOf: AS_OF,
      periodStart: '2026-11-16',
      mode: 'full',
      dryRun: false,
      deals: 11,
      insights: 9,
      snapshots: 4,
      rollups: 2,
      read: 75,
      written: 15,
      shared: 14,
      unchanged: 0,
      failed: 0,
      failures: [],
      tippingPointPct: 0
    });
    for (const key of ['teams', 'org', 'governance', 'pending'])
      expect(summary).not.toHaveProperty(key);
    // Off a terminal the log is plain lines on stderr; the summary line is not printed there.
    expect(r.stderr).not.toContain('\x1b[');
    expect(r.stderr).not.toMatch(/ run: read /);
    expect(r.stderr).not.toContain(f.org.accessToken);
    expect(r.killed).toBe(false);
  });

  it('--dry-run: what it would write, per rep, then the counts; nothing written', async () => {
    const f = await fixture();
    const r = await run(...onFixture(f, '--dry-run'));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    // renderDryRun's cells: the value cut and padded to the column's width, '–' for none.
    const row = (
      name: string,
      rung: string,
      complete: string,
      win: string,
      open: string,
      stale: string
    ) =>
      `  ${name.padEnd(24)} ${rung.padEnd(14)} ${complete.padEnd(9)} ${win.padEnd(9)} ${open.padEnd(5)} ${stale}`;
    const lines = r.stderr.split('\n');
    expect(lines).toContain(
      'dry run: nothing was written. It would write 4 Adoption_Snapshot__c and 9 Deal_Insight__c rows; 0 unchanged.'
    );
    // The snapshots of tests/sync/fixture.test.ts (firstSnapshots): Ana Acceptance 82, no win
    // rate, 4 open, 3 stale; Ben Acceptance 75, 0 %, 3 open, 0 stale; Cleo Understanding 61,
    // 100 %, 2 open, 1 stale; Mia Awareness, no score, no win rate, nothing open.
    expect(lines).toEqual(
      expect.arrayContaining([
        row('Ana Ahmed', 'Acceptance', '82', '–', '4', '3'),
        row('Ben Bauer', 'Acceptance', '75', '0 %', '3', '0'),
        row('Cleo Costa', 'Understanding', '61', '100 %', '2', '1'),
        row('Mia Manager', 'Awareness', '–', '–', '0', '0')
      ])
    );
    expect(
      lines.filter((l) =>
        /^dry run, full run: read 75, written 0, unchanged 0, failed 0, \d+ API calls, \d+ ms$/.test(
          l
        )
      )
    ).toHaveLength(1);
    expect(
      [...f.org.store.scan('Adoption_Snapshot__c')].filter(
        (s) => s.Period_Start__c === '2026-11-16'
      )
    ).toHaveLength(0);
    expect([...f.org.store.scan('Deal_Insight__c')]).toHaveLength(0);
    // Won deals of the hand-built org closed on 2026-06-30 (C3) and 2025-06-30 (C4): none in
    // the 7 days of messages.quickWinLookbackDays before 11-20, so nothing to propose.
    expect(lines).toContain('quick wins: 0 would be proposed from 0 deals won in the last 7 days');
  });

  it('--dry-run --json lists every row it would write', async () => {
    const f = await fixture();
    const r = await run(...onFixture(f, '--dry-run', '--json'));
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ dryRun: true, written: 0, snapshots: 4, insights: 9 });
    const objects = (summary.pending as { object: string }[]).map((p) => p.object);
    expect(objects.filter((o) => o === 'Adoption_Snapshot__c')).toHaveLength(4);
    expect(objects.filter((o) => o === 'Deal_Insight__c')).toHaveLength(9);
    // The dry-run table goes with the plain summary only.
    expect(r.stderr).not.toContain('dry run: nothing was written');
  });

  it('--audience scores the holders of the sets it names only', async () => {
    const f = await fixture();
    // Mia alone holds Adoption_Coach_Manager.
    const r = await run(
      ...onFixture(f, '--dry-run', '--json', '--audience', ' Adoption_Coach_Manager ')
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshots: 1 });
  });

  it('on a terminal: a progress bar, the log above it, the summary line; the replica by the org’s host', async () => {
    const f = await fixture();
    const stateDir = join('.adoption-coach', 'state', new URL(f.org.instanceUrl).host);
    rmSync(stateDir, { recursive: true, force: true });
    try {
      const r = await run(
        ['--instance-url', f.org.instanceUrl, '--as-of', AS_OF, '--backfill-periods', '0'],
        { SF_ACCESS_TOKEN: f.org.accessToken },
        { tty: true }
      );
      expect(r.status).toBe(0);
      // Log lines clear the bar's line first (ProgressBar.log), and the bar is drawn in place.
      expect(r.stderr).toContain('\r\x1b[Kextract: everything the scores need\n');
      expect(r.stderr).toMatch(/\r\x1b\[Kload Deal_Insight__c \[[#-]{24}\] \d+\/9 /);
      // The bar is cleared (ProgressBar.done) before the summary line, which is the last.
      expect(r.stderr).toMatch(
        /(\n|\r\x1b\[K)full run: read 75, written 15, unchanged 0, failed 0, \d+ API calls, \d+ ms\n$/
      );
      // No --state-dir: the replica goes to .adoption-coach/state/<the org's host>.
      expect(existsSync(stateDir)).toBe(true);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('--report writes the sponsor’s report and says where', async () => {
    const f = await fixture();
    const file = join(tempDir(), 'report.html');
    const r = await run(...onFixture(f, '--report', file));
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')).toContain(`report: ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('--digest writes one e-mail per user of the audience, from the org’s host by default', async () => {
    const f = await fixture();
    const dir = tempDir();
    const r = await run(...onFixture(f, '--digest', dir));
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n');
    expect(lines).toContain('quick wins: 0 proposed from 0 deals won in the last 7 days');
    expect(lines).toContain(`digest: 4 e-mails in ${dir}`);
    // The audience: Mia, Ana, Ben and Cleo.
    const { manager, ana, ben, cleo } = f.users;
    expect(readdirSync(dir).sort()).toEqual(
      [manager, ana, ben, cleo].map((id) => `${id}.eml`).sort()
    );
    // The instance URL is http://127.0.0.1:<port>: the sender is adoption-coach@127.0.0.1.
    const eml = readFileSync(join(dir, `${ana}.eml`), 'utf8');
    expect(eml.slice(0, eml.indexOf('\r\n\r\n')).split('\r\n')).toContain(
      'From: adoption-coach@127.0.0.1'
    );
  });

  it('ADOPTION_COACH_KILL_AT names the checkpoint where the process is ended', async () => {
    const f = await fixture();
    const [argv, env] = onFixture(f);
    let at = 0;
    const r = await run(
      argv,
      { ...env, ADOPTION_COACH_KILL_AT: 'scoring' },
      {
        kill: () => {
          at += 1;
          // The process would end here; in a test the run stops with this error instead.
          throw new Error('ended at the checkpoint');
        }
      }
    );
    expect(at).toBe(1);
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith('sync stopped: ended at the checkpoint\n')).toBe(true);
    // Without the variable the checkpoints pass.
    const again = await run(...onFixture(f));
    expect(again).toMatchObject({ status: 0, killed: false });
  });
});

describe('options that shape the run', () => {
  /** The --json summary of a run. */
  async function summaryOf(argv: string[], env: Record<string, string>) {
    const r = await run(argv, env);
    expect(r).toMatchObject({ status: 0, killed: false });
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  it('--state-dir keeps the replica there, so the next run is incremental unless --full', async () => {
    const f = await fixture();
    const dir = tempDir();
    const [argv, env] = onFixture(f, '--state-dir', dir, '--json');
    // The first run on a fresh replica reads everything and leaves the replica in `dir`.
    expect(await summaryOf(argv, env)).toMatchObject({ mode: 'full' });
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    // Same day, nothing changed: the replica answers, and nothing is written again.
    expect(await summaryOf(argv, env)).toMatchObject({ mode: 'incremental', written: 0 });
    expect(await summaryOf([...argv, '--full'], env)).toMatchObject({ mode: 'full', written: 0 });
  });

  it('scores 8 earlier periods on an org’s first sync unless --backfill-periods says otherwise', async () => {
    /** The hand-built org without its 3 snapshots of earlier weeks: its first sync. */
    const firstSync = async (): Promise<[string[], Record<string, string>]> => {
      const f = await fixture();
      const admin = connectAsAdmin(f.org);
      const earlier = await queryAll<{ Id: string }>(admin, 'SELECT Id FROM Adoption_Snapshot__c');
      expect(earlier).toHaveLength(3);
      await admin.sobject('Adoption_Snapshot__c').destroy(earlier.map((r) => r.Id));
      const [argv, env] = onFixture(f, '--json');
      // onFixture's '--backfill-periods 0' removed: the default applies.
      const at = argv.indexOf('--backfill-periods');
      return [[...argv.slice(0, at), ...argv.slice(at + 2)], env];
    };
    expect((await summaryOf(...(await firstSync()))).backfilled).toMatchObject({ periods: 8 });
    const [argv, env] = await firstSync();
    const two = await summaryOf([...argv, '--backfill-periods', '2'], env);
    expect(two.backfilled).toMatchObject({ periods: 2 });
  });

  it('--max-api-share stops before the run would pass that share of the daily allocation', async () => {
    const f = await fixture();
    // The org has used 150 of its 15,000 daily calls already: 1 % of the allocation. The field
    // check's describe is the 151st; the next call would pass 1 %.
    f.org.server.apiCalls = 150;
    const r = await run(...onFixture(f, '--max-api-share', '0.01'));
    expect(r.status).toBe(1);
    expect(
      r.stderr.endsWith(
        "sync stopped: stopped before exceeding 1 % of the org's daily API allocation (151 of 15000 used); rerun later or raise --max-api-share\n"
      )
    ).toBe(true);
    // The default share (50 %, 7,500 calls) lets the same org's run through.
    expect((await run(...onFixture(f))).status).toBe(0);
  });
});
