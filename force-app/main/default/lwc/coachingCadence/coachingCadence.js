/**
 * A manager's coaching cadence (presentation, part of c-coaching-agenda): the 1:1s they held in
 * the last `days` days, per rep, fewest first, so the reps waiting for a 1:1 head the list. The
 * agenda reads the sessions and hands them in; with the team known (inside c-team-coaching) its
 * reps without a session are listed too, and the coverage line says how many had one.
 */
import { LightningElement, api } from 'lwc';
import { formatCount, formatLabel } from 'c/coachLabels';

import LOADING from '@salesforce/label/c.Agenda_Loading';
import CADENCE_HEADING from '@salesforce/label/c.Agenda_Cadence_Heading';
import CADENCE_SUMMARY from '@salesforce/label/c.Agenda_Cadence_Summary';
import SESSIONS_ONE from '@salesforce/label/c.Agenda_Sessions_One';
import SESSIONS_OTHER from '@salesforce/label/c.Agenda_Sessions_Other';
import REPS_ONE from '@salesforce/label/c.Agenda_Reps_One';
import REPS_OTHER from '@salesforce/label/c.Agenda_Reps_Other';
import CADENCE_EMPTY from '@salesforce/label/c.Agenda_Cadence_Empty';
import CADENCE_COVERAGE_ONE from '@salesforce/label/c.Agenda_Cadence_Coverage_One';
import CADENCE_COVERAGE_OTHER from '@salesforce/label/c.Agenda_Cadence_Coverage_Other';
import CADENCE_REP from '@salesforce/label/c.Agenda_Cadence_Rep';
import CADENCE_SESSIONS from '@salesforce/label/c.Agenda_Cadence_Sessions';
import CADENCE_LAST from '@salesforce/label/c.Agenda_Cadence_Last';

export default class CoachingCadence extends LightningElement {
  /** The manager's sessions in the window, flattened ({ Rep__c, 'Rep__r.Name', Session_Date__c }). */
  @api sessions;
  /** The manager's team ([{ repId, repName }]) when known: reps without a session show too. */
  @api teamReps;
  /** Days of the window. */
  @api days;
  /** True while the sessions are being read. */
  @api loading = false;

  labels = { LOADING, CADENCE_HEADING, CADENCE_EMPTY };

  columns = [
    { key: 'name', label: CADENCE_REP },
    { key: 'sessions', label: CADENCE_SESSIONS },
    { key: 'last', label: CADENCE_LAST, type: 'date' }
  ];

  get team() {
    return Array.isArray(this.teamReps) ? this.teamReps : [];
  }

  /** Sessions per rep in the window, fewest sessions first, then by name. */
  get cadence() {
    const byRep = new Map();
    for (const r of this.team) {
      if (r && r.repId) {
        byRep.set(r.repId, { key: r.repId, name: r.repName ?? r.repId, sessions: 0, last: null });
      }
    }
    for (const n of this.sessions || []) {
      const rep = n.Rep__c;
      if (!rep) continue;
      const entry = byRep.get(rep) ?? {
        key: rep,
        name: n['Rep__r.Name'] ?? rep,
        sessions: 0,
        last: null
      };
      entry.sessions++;
      const date = n.Session_Date__c;
      if (date && (entry.last === null || date > entry.last)) entry.last = date;
      byRep.set(rep, entry);
    }
    return [...byRep.values()].sort(
      (a, b) => a.sessions - b.sessions || a.name.localeCompare(b.name)
    );
  }

  get hasCadence() {
    return this.cadence.length > 0;
  }

  get summary() {
    const reps = this.cadence;
    const total = reps.reduce((sum, r) => sum + r.sessions, 0);
    const coached = reps.filter((r) => r.sessions > 0).length;
    return formatLabel(CADENCE_SUMMARY, [
      formatCount(total, SESSIONS_ONE, SESSIONS_OTHER),
      formatCount(coached, REPS_ONE, REPS_OTHER),
      this.days
    ]);
  }

  /** With the team known: how many of its reps had a 1:1. */
  get coverage() {
    if (this.team.length === 0) return null;
    const ids = new Set(this.team.map((r) => r.repId));
    const coached = this.cadence.filter((r) => r.sessions > 0 && ids.has(r.key)).length;
    return formatCount(ids.size, CADENCE_COVERAGE_ONE, CADENCE_COVERAGE_OTHER, [
      coached,
      this.days
    ]);
  }
}
