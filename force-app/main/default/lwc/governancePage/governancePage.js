/**
 * Governance (container, executive sponsor): the governance group and the parts nobody plays,
 * the meeting cadence, the roadblock register (the sponsor closes a roadblock here), each
 * manager's 1:1 cadence beside their team's climb, and the objective map with this week's
 * figure of each measure. The figures come from the engine's buildGovernanceView, the same
 * function the governance report uses, so both show the same week alike.
 * Data: `lightning/graphql` reads (paged where a list can be long), `updateRecord` to close.
 */
import { wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import { PERIOD_WINDOW, REP_TEAM, ROLLUP_NODE } from 'c/coachQueries';
import { updateRecord } from 'lightning/uiRecordApi';
import {
  COACHING_CONFIG,
  DEFAULT_GOVERNANCE,
  addDays,
  buildGovernanceView,
  decodeRollup
} from 'c/coachEngine';
import { DatedView } from 'c/datedView';
import { flattenNode, keepResult, saveWithToast } from 'c/ldsUtils';
import { connectionOf, pagedRead, readPage, resolveAsOf, rowsOf } from 'c/managerData';

import TITLE from '@salesforce/label/c.Gov_Page_Title';
import LOADING from '@salesforce/label/c.Gov_Loading';
import ERROR_TITLE from '@salesforce/label/c.Gov_Error_Load';
import CLOSE_ERROR from '@salesforce/label/c.Gov_Close_Error';
import CLOSED_TOAST from '@salesforce/label/c.Gov_Closed_Toast';
import TRUNCATED from '@salesforce/label/c.Gov_Truncated';

// The teams' stored rollups (Adoption_Rollup__c, written by the sync) of the week shown and the
// week before: a row per team and week, as c/adoptionPulse reads them.
const ROLLUPS = gql`
  query governanceRollups($since: Date, $asOf: Date, $after: String) {
    uiapi {
      query {
        Adoption_Rollup__c(
          where: { and: [{ Scope__c: { eq: "Team" } }, ${PERIOD_WINDOW}] }
          orderBy: { Period_Start__c: { order: ASC }, Id: { order: ASC } }
          first: 2000, after: $after, upperBound: 20001
        ) {
          edges { node { ${ROLLUP_NODE} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`;

const SESSIONS = gql`
  query governanceSessions($from: Date, $asOf: Date, $after: String) {
    uiapi {
      query {
        Coaching_Session__c(
          first: 2000, after: $after, upperBound: 20001
          where: {
            and: [
              { Session_Date__c: { gte: { value: $from } } }
              { Session_Date__c: { lte: { value: $asOf } } }
            ]
          }
          orderBy: { Session_Date__c: { order: ASC }, Id: { order: ASC } }
        ) {
          edges {
            node {
              Id
              Manager__c {
                value
              }
              ${REP_TEAM}
              Session_Date__c {
                value
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const GOVERNANCE = gql`
  query governanceRegister($since: Date) {
    uiapi {
      query {
        Governance_Member__c(first: 200, orderBy: { Part__c: { order: ASC } }) {
          edges {
            node {
              Id
              User__c {
                value
              }
              User__r {
                Name {
                  value
                }
              }
              Part__c {
                value
              }
              Active__c {
                value
              }
            }
          }
        }
        Governance_Meeting__c(first: 200, orderBy: { Meeting_Date__c: { order: DESC } }) {
          edges {
            node {
              Id
              Meeting_Date__c {
                value
              }
              Status__c {
                value
              }
            }
          }
        }
        Roadblock__c(
          first: 2000
          where: { Status__c: { ne: "Closed" } }
          orderBy: { Due_Date__c: { order: ASC, nulls: LAST } }
        ) {
          edges {
            node {
              Id
              Name {
                value
              }
              Subject__c {
                value
              }
              OwnerId {
                value
              }
              Owner {
                Name {
                  value
                }
              }
              Status__c {
                value
              }
              Blocked_Team__c {
                value
              }
              Blocked_Team__r {
                Name {
                  value
                }
              }
              Blocked_Rule__c {
                value
              }
              Raised_On__c {
                value
              }
              Due_Date__c {
                value
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        closed: Roadblock__c(first: 2000, where: { Status__c: { eq: "Closed" } }) {
          edges {
            node {
              Id
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        Governance_Measure__c(first: 2000, where: { Period_Start__c: { gte: { value: $since } } }) {
          edges {
            node {
              Id
              Measure__c {
                value
              }
              Period_Start__c {
                value
              }
              Met__c {
                value
              }
              Counted__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/** The register's rows in the engine's shape (owner and blocked team names flattened). */
export function registerFromData(data) {
  return {
    members: rowsOf(data, 'Governance_Member__c').map((m) => ({
      Id: m.Id,
      User__c: m.User__c ?? null,
      UserName: m['User__r.Name'] ?? null,
      Part__c: m.Part__c ?? null,
      Active__c: m.Active__c ?? null
    })),
    meetings: rowsOf(data, 'Governance_Meeting__c').map((m) => ({
      Id: m.Id,
      Meeting_Date__c: m.Meeting_Date__c ?? null,
      Status__c: m.Status__c ?? null
    })),
    roadblocks: rowsOf(data, 'Roadblock__c').map((r) => ({
      Id: r.Id,
      Name: r.Name ?? null,
      Subject__c: r.Subject__c ?? null,
      OwnerId: r.OwnerId ?? null,
      OwnerName: r['Owner.Name'] ?? null,
      Status__c: r.Status__c ?? null,
      Blocked_Team__c: r.Blocked_Team__c ?? null,
      BlockedTeamName: r['Blocked_Team__r.Name'] ?? null,
      Blocked_Rule__c: r.Blocked_Rule__c ?? null,
      Raised_On__c: r.Raised_On__c ?? null,
      Due_Date__c: r.Due_Date__c ?? null
    })),
    // Closed roadblocks are read as ids only: the register counts them.
    closedRoadblocks: rowsOf(data, 'closed').length,
    roadblocksTruncated:
      Boolean(connectionOf(data, 'Roadblock__c')?.pageInfo?.hasNextPage) ||
      Boolean(connectionOf(data, 'closed')?.pageInfo?.hasNextPage),
    measures: rowsOf(data, 'Governance_Measure__c').map((m) => ({
      Measure__c: m.Measure__c ?? null,
      Period_Start__c: m.Period_Start__c ?? null,
      Met__c: m.Met__c ?? null,
      Counted__c: m.Counted__c ?? null
    }))
  };
}

/** `asOf`: the date the page is for. */
export default class GovernancePage extends DatedView {
  labels = { TITLE, LOADING, ERROR_TITLE, TRUNCATED };

  register;
  registerResult;
  registerErrors;
  rollupCursor = null;
  rollups = pagedRead();
  sessionCursor = null;
  sessions = pagedRead();
  closingId = null;
  /** The engine's view of the latest week with snapshots (or this week when there is none). */
  view = null;

  reset() {
    this.register = undefined;
    this.registerErrors = undefined;
    this.rollupCursor = null;
    this.rollups = pagedRead();
    this.sessionCursor = null;
    this.sessions = pagedRead();
    this.buildView();
  }

  get asOfDate() {
    return resolveAsOf(this.asOf);
  }

  /** Two weeks of rollups: the week shown and the one before (for each team's climb). */
  get since() {
    return addDays(this.asOfDate, -(2 * COACHING_CONFIG.periodDays - 1));
  }

  get registerVariables() {
    return { since: this.since };
  }

  get rollupVariables() {
    return { since: this.since, asOf: this.asOfDate, after: this.rollupCursor };
  }

  get sessionVariables() {
    const from = addDays(this.asOfDate, -(this.windowDays - 1));
    return { from, asOf: this.asOfDate, after: this.sessionCursor };
  }

  @wire(graphql, { query: GOVERNANCE, variables: '$registerVariables' })
  wiredRegister(result) {
    const data = keepResult(this, result, 'registerErrors', 'registerResult');
    if (data) this.register = registerFromData(data);
    this.buildView();
  }

  @wire(graphql, { query: ROLLUPS, variables: '$rollupVariables' })
  wiredRollups(result) {
    this.rollups = readPage(this.rollups, result, 'Adoption_Rollup__c', (node) =>
      flattenNode(node)
    );
    this.rollupCursor = this.rollups.cursor;
    this.buildView();
  }

  @wire(graphql, { query: SESSIONS, variables: '$sessionVariables' })
  wiredSessions(result) {
    this.sessions = readPage(this.sessions, result, 'Coaching_Session__c', (node) => {
      const f = flattenNode(node);
      return {
        Manager__c: f.Manager__c ?? null,
        Rep__c: f.Rep__c ?? null,
        Session_Date__c: f.Session_Date__c ?? null,
        RepManagerId: f['Rep__r.ManagerId'] ?? null
      };
    });
    this.sessionCursor = this.sessions.cursor;
    this.buildView();
  }

  get windowDays() {
    return (COACHING_CONFIG.governance || DEFAULT_GOVERNANCE).coachingWindowDays;
  }

  get errors() {
    return this.registerErrors || this.rollups.errors || this.sessions.errors;
  }

  get hasError() {
    return Boolean(this.errors);
  }

  get isLoading() {
    return !this.hasError && (!this.register || !this.rollups.rows || !this.sessions.rows);
  }

  /** Whether a list was longer than the pages read (the roadblocks, rollups or sessions). */
  get truncated() {
    return Boolean(
      (this.register && this.register.roadblocksTruncated) ||
      this.rollups.truncated ||
      this.sessions.truncated
    );
  }

  /** Builds the engine's view again from what is read: called whenever a read changes. */
  buildView() {
    if (this.isLoading || this.hasError) {
      this.view = null;
      return;
    }
    const names = {};
    for (const r of this.rollups.rows) {
      if (r.Manager__c && r['Manager__r.Name']) names[r.Manager__c] = r['Manager__r.Name'];
    }
    this.view = buildGovernanceView(COACHING_CONFIG, {
      asOf: this.asOfDate,
      periodStart: null,
      members: this.register.members,
      meetings: this.register.meetings,
      roadblocks: this.register.roadblocks,
      closedRoadblocks: this.register.closedRoadblocks,
      sessions: this.sessions.rows,
      rollups: this.rollups.rows.map(decodeRollup),
      measures: this.register.measures,
      names
    });
  }

  async handleClose(event) {
    const id = event.detail && event.detail.id;
    if (!id || this.closingId) return;
    this.closingId = id;
    const fields = { Id: id, Status__c: 'Closed', Closed_On__c: this.asOfDate };
    await saveWithToast(this, () => updateRecord({ fields }), {
      saved: CLOSED_TOAST,
      failed: CLOSE_ERROR,
      after: () => this.registerResult?.refresh?.()
    });
    this.closingId = null;
  }
}
