/**
 * The c/coachQueries module: the GraphQL node selections (and filters) several components' queries share,
 * built from the engine's record field lists (scripts/engine/records.ts, the audience figures of
 * scripts/engine/messages.ts), so each list of fields is written once. A component keeps its own
 * query (object, where, orderBy, first, variables) and interpolates the selection it shares:
 * `edges { node { ${ROLLUP_NODE} } }`.
 *
 * Interpolating into a `gql` template is dynamic query construction, which lightning/graphql (v2)
 * supports and lightning/uiGraphQLApi (v1) does not: "GraphQL API Wire Adapter" comparison table,
 * https://developer.salesforce.com/docs/platform/lwc/guide/reference-graphql-intro.html, and
 * https://developer.salesforce.com/docs/platform/lwc/guide/reference-graphql-wire.html.
 *
 * The static checks (scripts/metadata/graphql.ts, `gqlTemplates`) resolve the interpolations with
 * SHARED_SELECTIONS below, the strings this module is generated from.
 */
import { MESSAGE_BEHAVIOURS } from '../engine/messages';
import {
  AGENDA_INSIGHT_FIELDS,
  FEEDBACK_FIELDS,
  MESSAGE_FIELDS,
  NUDGE_RESPONSE_FIELDS,
  RECEIPT_FIELDS,
  ROLLUP_FIELDS,
  SNAPSHOT_MEMBER_FIELDS,
  SNAPSHOT_TREND_FIELDS
} from '../engine/records';

/** The module's import name, its folder and file. */
export const QUERIES_MODULE = 'c/coachQueries';
export const QUERIES_MODULE_FILE = 'coachQueries.js';

interface FieldNode {
  optional: boolean;
  children: Map<string, FieldNode>;
}

function render(children: Map<string, FieldNode>, top: boolean): string {
  return [...children.entries()]
    .map(([name, n]) => {
      if (top && name === 'Id') return 'Id';
      const directive = n.optional ? ' @optional' : '';
      const inner = n.children.size ? render(n.children, false) : 'value';
      return `${name}${directive} { ${inner} }`;
    })
    .join(' ');
}

/**
 * The UI API node selection of field paths, in their order: `Id` as is, a field as
 * `Field { value }`, a relationship's fields grouped under it (`Manager__r.Name` →
 * `Manager__r { Name { value } }`); a path listed in `optional` is selected `@optional`.
 */
export function nodeSelection(paths: readonly string[], optional: readonly string[] = []): string {
  const root = new Map<string, FieldNode>();
  for (const path of paths) {
    let level = root;
    let node: FieldNode | undefined;
    for (const name of path.split('.')) {
      node = level.get(name);
      if (!node) {
        node = { optional: false, children: new Map() };
        level.set(name, node);
      }
      level = node.children;
    }
    if (node && optional.includes(path)) node.optional = true;
  }
  return render(root, true);
}

/** One shared part of a query: its export name, what it selects or filters (the doc comment). */
interface SharedSelection {
  name: string;
  doc: string;
  text: string;
}

const ROLLUP_KEY = 'Rollup_Key__c';
/** A snapshot's rep, week and team, with the manager's name. */
const SNAPSHOT_MEMBER = ['Id', ...SNAPSHOT_MEMBER_FIELDS, 'Manager__r.Name'];

const SELECTIONS: readonly SharedSelection[] = [
  {
    name: 'ROLLUP_NODE',
    doc: "An Adoption_Rollup__c row as decodeRollup reads it (ROLLUP_FIELDS but the key), with the team manager's name.",
    text: nodeSelection(['Id', ...ROLLUP_FIELDS.filter((f) => f !== ROLLUP_KEY), 'Manager__r.Name'])
  },
  {
    name: 'SNAPSHOT_MEMBER_NODE',
    doc: "Who an Adoption_Snapshot__c row is of, its week and team (SNAPSHOT_MEMBER_FIELDS), with the manager's name.",
    text: nodeSelection(SNAPSHOT_MEMBER)
  },
  {
    name: 'AUDIENCE_SNAPSHOT_NODE',
    doc: "An Adoption_Snapshot__c row as a message's audience rules read it: SNAPSHOT_MEMBER_NODE, the rung and the MESSAGE_BEHAVIOURS counts.",
    text: nodeSelection([
      ...SNAPSHOT_MEMBER,
      'Adoption_Stage__c',
      ...Object.values(MESSAGE_BEHAVIOURS)
    ])
  },
  {
    name: 'SNAPSHOT_TREND_NODE',
    doc: "A rep's Adoption_Snapshot__c row as their history shows it (SNAPSHOT_TREND_FIELDS).",
    text: nodeSelection(['Id', ...SNAPSHOT_TREND_FIELDS])
  },
  {
    name: 'AGENDA_DEAL_NODE',
    doc: "A Deal_Insight__c row as an agenda's deal (AGENDA_INSIGHT_FIELDS); the amount is @optional, as field-level security may hide it.",
    text: nodeSelection(['Id', ...AGENDA_INSIGHT_FIELDS], ['Opportunity__r.Amount'])
  },
  {
    name: 'NUDGE_RESPONSE_NODE',
    doc: 'A Nudge_Response__c row as the nudges read it back (NUDGE_RESPONSE_FIELDS).',
    text: nodeSelection(['Id', ...NUDGE_RESPONSE_FIELDS])
  },
  {
    name: 'FEEDBACK_NODE',
    doc: 'A Nudge_Response__c row as feedback is counted from it (FEEDBACK_FIELDS).',
    text: nodeSelection(['Id', ...FEEDBACK_FIELDS])
  },
  {
    name: 'MESSAGE_NODE',
    doc: 'An Adoption_Message__c row as the engine reads it (MESSAGE_FIELDS).',
    text: nodeSelection(['Id', ...MESSAGE_FIELDS])
  },
  {
    name: 'RECEIPT_NODE',
    doc: 'A Message_Receipt__c row as the engine reads it (RECEIPT_FIELDS).',
    text: nodeSelection(['Id', ...RECEIPT_FIELDS])
  },
  {
    name: 'REP_TEAM',
    doc: "A row's rep and the rep's manager (their team): Rep__c and Rep__r.ManagerId.",
    text: nodeSelection(['Rep__c', 'Rep__r.ManagerId'])
  },
  {
    name: 'RECENT_SNAPSHOTS',
    doc: 'Arguments of an Adoption_Snapshot__c read: the snapshots from $since on (recentWindow), the latest first, one page.',
    text: 'where: { Period_Start__c: { gte: { value: $since } } }, orderBy: { Period_Start__c: { order: DESC }, Id: { order: ASC } }, first: 2000'
  },
  {
    name: 'PERIOD_WINDOW',
    doc: 'Filters (items of a `where: { and: [...] }`): Period_Start__c from $since to $asOf, both included.',
    text: '{ Period_Start__c: { gte: { value: $since } } } { Period_Start__c: { lte: { value: $asOf } } }'
  },
  {
    name: 'SNAPSHOTS_OF_USER',
    doc: 'Arguments of an Adoption_Snapshot__c read: the snapshots of the user $userId, the latest first.',
    text: 'where: { User__c: { eq: $userId } }, orderBy: { Period_Start__c: { order: DESC } }'
  },
  {
    name: 'OPEN_DEALS_OF_REP',
    doc: "Filters (items of a Deal_Insight__c `where: { and: [...] }`): the open deals of the rep $repId, an agenda's deals.",
    text: '{ Opportunity__r: { OwnerId: { eq: $repId } } } { Opportunity__r: { IsClosed: { eq: false } } }'
  }
];

/** Each shared selection's text by its export name. */
export const SHARED_SELECTIONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(SELECTIONS.map((s) => [s.name, s.text]))
);

const HEADER =
  '// Generated by `npm run build` from scripts/build/queries.ts and scripts/engine. Do not edit.\n';

/** The c/coachQueries module text. */
export function buildQueriesModule(): string {
  const exports = SELECTIONS.map((s) => `/** ${s.doc} */\nexport const ${s.name} = '${s.text}';\n`);
  return `${HEADER}/*
 * GraphQL node selections and filters several components' queries share (lightning/graphql supports dynamic
 * query construction:
 * https://developer.salesforce.com/docs/platform/lwc/guide/reference-graphql-intro.html).
 */
${exports.join('\n')}`;
}

export const QUERIES_META_XML = `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <isExposed>false</isExposed>
    <description>Adoption Coach: the GraphQL selections the components' queries share (generated by npm run build; do not edit).</description>
</LightningComponentBundle>
`;
