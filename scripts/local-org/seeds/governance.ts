/**
 * The demo's governance: a governance group with one part nobody plays (no process expert),
 * its meetings (the last held more than a quarter ago, the next one planned), roadblocks raised
 * by a rep and a manager (one closed earlier), and managers' 1:1s of the last weeks (one manager
 * coaches most of the team, one a little, one not in the last month).
 */
import type { Store, WriteContext } from '../store';
import { addDays } from '../../engine/dates';
import { at } from './time';

export interface GovernanceSeedInput {
  today: string;
  /** The executive sponsor. */
  sponsorId: string;
  /** The org's administrator: the group's technology expert. */
  adminId: string;
  /** Managers in the demo's order, each with their reps. */
  teams: { managerId: string; repIds: string[] }[];
}

type Writer = (day: string, userId?: string) => WriteContext;

/** Inserts the governance rows; returns the summary line. */
export function seedGovernance(store: Store, input: GovernanceSeedInput, w: Writer): string {
  const { today, sponsorId, adminId, teams } = input;
  const [first, second, third] = teams;
  const setUp = addDays(today, -200);
  const members: [string, string, boolean][] = [
    [sponsorId, 'Sponsor', true],
    [third.managerId, 'Lead', true],
    [second.managerId, 'People', true],
    [adminId, 'Technology', true],
    // The process expert left the group: the part is a gap on the governance page.
    [first.managerId, 'Process', false]
  ];
  for (const [userId, part, active] of members) {
    store.insert(
      'Governance_Member__c',
      { User__c: userId, Part__c: part, Active__c: active, OwnerId: sponsorId },
      w(setUp, sponsorId)
    );
  }
  const meetings: [number, string][] = [
    [-190, 'Held'],
    [-100, 'Held'],
    [14, 'Planned']
  ];
  for (const [offset, status] of meetings) {
    store.insert(
      'Governance_Meeting__c',
      { Meeting_Date__c: addDays(today, offset), Status__c: status, OwnerId: sponsorId },
      w(offset < 0 ? addDays(today, offset) : today, sponsorId)
    );
  }

  const rep = first.repIds[1];
  const roadblocks = [
    {
      by: rep,
      raised: -12,
      fields: {
        Subject__c: 'Quotes are built outside the CRM, so the amount is typed twice',
        Blocked_Rule__c: 'Opp_Amount',
        Status__c: 'Open',
        Due_Date__c: addDays(today, 10)
      }
    },
    {
      by: second.managerId,
      raised: -20,
      fields: {
        Subject__c: 'The weekly forecast call still runs from a spreadsheet',
        Blocked_Team__c: second.managerId,
        Status__c: 'In_Progress',
        Due_Date__c: addDays(today, -3)
      }
    },
    {
      by: third.repIds[0],
      raised: -60,
      fields: {
        Subject__c: 'Mobile app login fails on the older phones',
        Status__c: 'Closed',
        Due_Date__c: addDays(today, -45),
        Closed_On__c: addDays(today, -40)
      }
    }
  ];
  for (const r of roadblocks) {
    const day = addDays(today, r.raised);
    store.insert(
      'Roadblock__c',
      { ...r.fields, Raised_On__c: day, OwnerId: r.by, CreatedDate: at(day, 11) },
      w(day, r.by)
    );
  }

  // 1:1s: the first manager sees five reps in the last month (one twice); the second two reps;
  // the third last coached 40 days ago.
  const sessions: [string, string, number][] = [
    [first.managerId, first.repIds[0], -3],
    [first.managerId, first.repIds[1], -6],
    [first.managerId, first.repIds[2], -10],
    [first.managerId, first.repIds[3], -17],
    [first.managerId, first.repIds[4], -24],
    [first.managerId, first.repIds[0], -28],
    [second.managerId, second.repIds[0], -8],
    [second.managerId, second.repIds[1], -22],
    [third.managerId, third.repIds[0], -40]
  ];
  for (const [managerId, repId, offset] of sessions) {
    const day = addDays(today, offset);
    store.insert(
      'Coaching_Session__c',
      {
        Manager__c: managerId,
        Rep__c: repId,
        Session_Date__c: day,
        OwnerId: managerId,
        CreatedDate: at(day, 15)
      },
      w(day, managerId)
    );
  }
  return `governance: ${members.length} members (no process expert), ${meetings.length} meetings, ${roadblocks.length} roadblocks, ${sessions.length} 1:1s`;
}
