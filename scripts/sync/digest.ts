/**
 * The weekly digest: one e-mail per user of the rollout's audience, as a .eml file (RFC 5322,
 * plain text, UTF-8) that the org's own mail sends. Each holds the user's rung, their top fix
 * (the open deal with the heaviest risk flags and its coaching question), the message of the
 * week (the newest live programme message for them) and their team's quick win (the newest live
 * quick win for them). Everything is read after the sync has written its snapshots and deal
 * insights; all files are rendered before the first is written, and each is written under a
 * temporary name and renamed, so a failure leaves no half-written file.
 */
import type { Audience } from './plan';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { readLabels } from '../build/load-config';
import {
  ADOPTION_STAGES,
  addDays,
  audienceMember,
  audienceMembers,
  inAudience,
  isMessageLive
} from '../engine';
import type { CoachingConfig, MessageRow, RiskFlag } from '../engine';
import { audienceUsers, queryAll } from './org-rest';
import { LABELS_FILE, formatText } from './texts';

export interface DigestOptions {
  asOf: string;
  /** The folder to write the .eml files to (created if missing). */
  dir: string;
  /** The rollout's audience (permission sets, profiles, roles). */
  audience: Audience;
  /** The sender, e.g. `Adoption Coach <coach@example.com>`. */
  from: string;
  /** The instant written in the Date header (default now). */
  now?: Date;
  labelsFile?: string;
  log?: (line: string) => void;
}

export interface Digest {
  userId: string;
  to: { name: string; email: string };
  stage: string | null;
  topFix: { opportunityId: string; name: string; flag: RiskFlag; question: string } | null;
  message: MessageRow | null;
  quickWin: MessageRow | null;
}

export interface DigestResult {
  files: string[];
  /** Audience users without an e-mail address: no file. */
  skipped: string[];
}

const RULE = '-'.repeat(40);

/** `=?UTF-8?B?…?=` for a header value with characters outside printable ASCII (RFC 2047). */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** A display name and address: `"Name" <a@b>`, the name quoted or encoded. */
function mailbox(name: string, email: string): string {
  const plain = /^[\x20-\x7e]*$/.test(name);
  const shown = plain ? `"${name.replace(/(["\\])/g, '\\$1')}"` : headerText(name);
  return `${shown} <${email}>`;
}

/** Lines of at most 76 characters, broken at spaces (a longer word stays whole up to 900). */
function wrap(text: string): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      for (let w = word; w.length > 0; w = w.slice(900)) {
        const piece = w.slice(0, 900);
        if (line && line.length + 1 + piece.length > 76) {
          out.push(line);
          line = piece;
        } else line = line ? `${line} ${piece}` : piece;
      }
    }
    out.push(line);
  }
  return out;
}

/** The .eml text of a digest. */
export function renderDigest(
  labels: Map<string, string>,
  digest: Digest,
  options: { asOf: string; from: string; now: Date }
): string {
  const t = (name: string, params: unknown[] = []) => formatText(labels, name, params);
  const body: string[] = [t('Digest_Greeting', [digest.to.name]), ''];
  body.push(
    digest.stage ? t('Digest_Rung', [t(`Stage_${digest.stage}`)]) : t('Digest_No_Rung'),
    ''
  );
  if (digest.topFix) {
    const question = t(digest.topFix.question);
    body.push(...wrap(t('Digest_Top_Fix', [digest.topFix.name, question])), '');
  } else body.push(t('Digest_No_Fix'), '');
  for (const [title, m] of [
    ['Digest_Message', digest.message],
    ['Digest_Quick_Win', digest.quickWin]
  ] as const) {
    if (!m) continue;
    body.push(RULE, t(title), '', ...wrap(String(m.Name ?? '')), '');
    const text = (m as MessageRow & { Body__c?: string | null }).Body__c;
    if (text) body.push(...wrap(text), '');
  }
  body.push(RULE, t('Digest_Footer'));
  const headers = [
    `From: ${options.from}`,
    `To: ${mailbox(digest.to.name, digest.to.email)}`,
    `Subject: ${headerText(t('Digest_Subject', [options.asOf]))}`,
    `Date: ${options.now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <digest.${digest.userId}.${options.asOf}@adoption-coach>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit'
  ];
  return `${[...headers, '', ...body].join('\r\n')}\r\n`;
}

/** The open deal with the heaviest flags (then the largest amount), and its heaviest flag. */
export function topFixOf(
  config: CoachingConfig,
  insights: readonly { opportunityId: string; name: string; amount: number; flags: RiskFlag[] }[]
): Digest['topFix'] {
  const weight = (f: RiskFlag) => config.risk.flags[f]?.weight ?? 0;
  let best: (typeof insights)[number] | null = null;
  let bestWeight = 0;
  for (const i of insights) {
    const w = i.flags.reduce((s, f) => s + weight(f), 0);
    if (
      w > bestWeight ||
      (best &&
        w === bestWeight &&
        (i.amount > best.amount ||
          (i.amount === best.amount && i.opportunityId < best.opportunityId)))
    ) {
      best = i;
      bestWeight = w;
    }
  }
  if (!best || bestWeight === 0) return null;
  const flag = [...best.flags].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))[0];
  return {
    opportunityId: best.opportunityId,
    name: best.name,
    flag,
    question: config.risk.flags[flag].questionLabel
  };
}

/** Newest start first, then newest id. */
function newest(messages: MessageRow[]): MessageRow | null {
  return (
    [...messages].sort(
      (a, b) =>
        String(b.Start_Date__c ?? '').localeCompare(String(a.Start_Date__c ?? '')) ||
        String(b.Id).localeCompare(String(a.Id))
    )[0] ?? null
  );
}

/** Reads what the digests need and builds one per audience user (no file written). */
export async function buildDigests(
  conn: Connection,
  config: CoachingConfig,
  options: Pick<DigestOptions, 'asOf' | 'audience'>
): Promise<Digest[]> {
  const users = await audienceUsers(conn, options.audience);
  const since = addDays(options.asOf, -2 * config.periodDays);
  const snapshots = await queryAll(
    conn,
    `SELECT User__c, Manager__c, Period_Start__c, Adoption_Stage__c, Missing_Next_Step__c, Stale_Opportunities__c, Past_Due_Opportunities__c, Pushed_Opportunities__c FROM Adoption_Snapshot__c WHERE Period_Start__c >= ${since} AND Period_Start__c <= ${options.asOf} ORDER BY Period_Start__c DESC`
  );
  const insights = await queryAll(
    conn,
    'SELECT Opportunity__c, Opportunity__r.Name, Opportunity__r.OwnerId, Opportunity__r.Amount, Risk_Flags__c FROM Deal_Insight__c WHERE Opportunity__r.IsClosed = false AND Risk_Flags__c != null'
  );
  const dealsOf = new Map<string, Parameters<typeof topFixOf>[1][number][]>();
  for (const i of insights) {
    const opp = (i.Opportunity__r ?? {}) as { Name?: string; OwnerId?: string; Amount?: number };
    const owner = String(opp.OwnerId ?? '');
    dealsOf.set(owner, [
      ...(dealsOf.get(owner) ?? []),
      {
        opportunityId: String(i.Opportunity__c),
        name: String(opp.Name ?? i.Opportunity__c),
        amount: Number(opp.Amount ?? 0),
        flags: String(i.Risk_Flags__c).split(';').filter(Boolean) as RiskFlag[]
      }
    ]);
  }
  const messages = (await queryAll(
    conn,
    "SELECT Id, Name, Body__c, Kind__c, Status__c, Audience_Type__c, Audience_Value__c, Start_Date__c, End_Date__c, Win_Rep__c, CreatedDate FROM Adoption_Message__c WHERE Status__c = 'Published'"
  )) as unknown as MessageRow[];
  const asOfInstant = `${options.asOf}T12:00:00.000Z`;
  const live = messages.filter((m) => isMessageLive(m, asOfInstant));
  const responses = await queryAll(
    conn,
    "SELECT OwnerId, Nudge_Key__c, Action__c, Reason__c, CreatedDate FROM Nudge_Response__c WHERE Action__c = 'Dismissed' AND Reason__c != null"
  );
  const members = new Map(audienceMembers(snapshots, responses).map((m) => [m.userId, m]));
  return users.map((u) => {
    const id = String(u.Id);
    const member = members.get(id) ?? audienceMember({ User__c: id });
    const mine = live.filter((m) => inAudience(m, member));
    const stage = member.stage ?? '';
    return {
      userId: id,
      to: { name: String(u.Name ?? ''), email: String(u.Email ?? '') },
      stage: (ADOPTION_STAGES as readonly string[]).includes(stage) ? stage : null,
      topFix: topFixOf(config, dealsOf.get(id) ?? []),
      message: newest(mine.filter((m) => m.Kind__c !== 'Quick_Win')),
      quickWin: newest(mine.filter((m) => m.Kind__c === 'Quick_Win'))
    };
  });
}

/** Builds, renders and writes one `<UserId>.eml` per audience user with an e-mail address. */
export async function writeDigests(
  conn: Connection,
  config: CoachingConfig,
  options: DigestOptions
): Promise<DigestResult> {
  const labels = readLabels(options.labelsFile ?? LABELS_FILE);
  const digests = await buildDigests(conn, config, options);
  const now = options.now ?? new Date();
  const skipped = digests.filter((d) => !/^[^\s@<>]+@[^\s@<>]+$/.test(d.to.email));
  const rendered = digests
    .filter((d) => !skipped.includes(d))
    .map((d) => ({
      file: join(options.dir, `${d.userId}.eml`),
      text: renderDigest(labels, d, { asOf: options.asOf, from: options.from, now })
    }));
  mkdirSync(options.dir, { recursive: true });
  for (const r of rendered) {
    writeFileSync(`${r.file}.tmp`, r.text);
    renameSync(`${r.file}.tmp`, r.file);
  }
  for (const s of skipped) options.log?.(`digest: no e-mail address for user ${s.userId}, skipped`);
  return { files: rendered.map((r) => r.file), skipped: skipped.map((s) => s.userId) };
}
