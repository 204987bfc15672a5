/**
 * What each persona may do with a rep's records, written by hand from Salesforce's documentation
 * and the project's permission sets (force-app/main/default/permissionsets), never computed by
 * the local org. The rules used:
 *
 * - Standard User gives Read, Create, Edit and Delete on the standard sales objects and nothing
 *   on a custom object deployed through the Metadata API ("When a custom object is created,
 *   most profiles (except those with Modify All Data) don't give access to the object"):
 *   https://developer.salesforce.com/docs/atlas.en-us.fundamentals.meta/fundamentals/adg_securing_data_standard_profiles.htm
 * - Minimum Access gives nothing; the sync's user has Adoption_Coach_Integration only.
 * - System Administrator: View All Data and Modify All Data.
 * - Record access: the owner and users in roles above the owner's role have Full Access (read,
 *   edit, delete); users in the same role do not see each other's Private records; View All
 *   gives Read; a manual share gives its AccessLevel; a detail's access is its master's, and
 *   with writeRequiresMasterRead a Read on the master is enough to write the detail:
 *   https://help.salesforce.com/s/articleView?id=sf.security_data_access.htm
 *   https://help.salesforce.com/s/articleView?id=sf.sharing_records_access_level.htm
 * - Delete needs the object's Delete permission and Full Access to the record.
 *
 * The org: Opportunity Private. Roles VP → Manager → Rep, and VP → Manager 2 (the outside
 * manager's branch). rep and otherRep share the Rep role; rep's ManagerId is manager.
 * Records: the rep's opportunity (owner rep) with its deal insight; the rep's snapshot (owner
 * the sync's user, Read shares to rep and manager, as the sync grants them); the rep's nudge
 * answer (owner rep); a coaching session (owner manager, about rep); a programme message (owner
 * sponsor; Adoption_Message__c is Public Read Only) and the rep's receipt of it (owner rep,
 * Message_Receipt__c Private); a quick-win proposal about the rep (owner the sync's user,
 * Quick_Win__c Private, a Read share to the rep's manager, as the sync grants it).
 */
export type Persona =
  'rep' | 'otherRep' | 'manager' | 'outsideManager' | 'sponsor' | 'integration' | 'admin';
export type SObject =
  | 'Opportunity'
  | 'Deal_Insight__c'
  | 'Adoption_Snapshot__c'
  | 'Nudge_Response__c'
  | 'Coaching_Session__c'
  | 'Roadblock__c'
  | 'Adoption_Message__c'
  | 'Message_Receipt__c'
  | 'Quick_Win__c';

/** read: sees the rep's record; create: may create one; edit / delete: that record. */
export interface Can {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

const can = (flags: string): Can => ({
  read: flags.includes('R'),
  create: flags.includes('C'),
  edit: flags.includes('E'),
  delete: flags.includes('D')
});

export const MATRIX: Record<Persona, Record<SObject, Can>> = {
  rep: {
    // Owner; Standard User has CRED on Opportunity.
    Opportunity: can('RCED'),
    // Adoption_Coach_Rep: Read on Deal_Insight__c; the parent is the rep's own.
    Deal_Insight__c: can('R'),
    // Read through the manual share; the permission set gives Read only.
    Adoption_Snapshot__c: can('R'),
    // Owner; Read, Create, Edit, no Delete in Adoption_Coach_Rep.
    Nudge_Response__c: can('RCE'),
    // Adoption_Coach_Rep grants nothing on coaching sessions (managers' notes).
    Coaching_Session__c: can(''),
    // Owner of the roadblock they raised: Read and Create, no Edit (the status is the sponsor's).
    Roadblock__c: can('RC'),
    // Public Read Only, Read in Adoption_Coach_Rep: reads every message, writes none.
    Adoption_Message__c: can('R'),
    // Owner of the receipt; Read, Create, Edit, no Delete.
    Message_Receipt__c: can('RCE'),
    // Adoption_Coach_Rep grants nothing on proposals: a rep reads a win once it is shared.
    Quick_Win__c: can('')
  },
  otherRep: {
    // Same role as the owner: Private records of peers stay hidden; creating is allowed.
    Opportunity: can('C'),
    Deal_Insight__c: can(''),
    Adoption_Snapshot__c: can(''),
    Nudge_Response__c: can('C'),
    Coaching_Session__c: can(''),
    // A peer's roadblock stays hidden; raising one's own is allowed.
    Roadblock__c: can('C'),
    Adoption_Message__c: can('R'),
    // A peer's receipt stays hidden (Private, same role); creating their own is allowed.
    Message_Receipt__c: can('C'),
    Quick_Win__c: can('')
  },
  manager: {
    // Role above the owner: Full Access; Standard User has Delete.
    Opportunity: can('RCED'),
    Deal_Insight__c: can('R'),
    // The sync's manual share to the rep's manager; Read only.
    Adoption_Snapshot__c: can('R'),
    // Role above the owner, Read/Create/Edit in Adoption_Coach_Manager, no Delete.
    Nudge_Response__c: can('RCE'),
    // Owner of the session; no Delete in the permission set.
    Coaching_Session__c: can('RCE'),
    // Role above the rep who raised it: Read; Create, but no Edit in the permission set.
    Roadblock__c: can('RC'),
    // Create and Read (approving a quick win makes a message); no Edit.
    Adoption_Message__c: can('RC'),
    // Role above the rep; Read, Create, Edit in Adoption_Coach_Manager.
    Message_Receipt__c: can('RCE'),
    // Read through the sync's manual share to the rep's manager; Read only in the permission set.
    Quick_Win__c: can('R')
  },
  outsideManager: {
    // Another branch of the role hierarchy: nothing of the rep's, only creating their own.
    Opportunity: can('C'),
    Deal_Insight__c: can(''),
    Adoption_Snapshot__c: can(''),
    Nudge_Response__c: can('C'),
    Coaching_Session__c: can('C'),
    Roadblock__c: can('C'),
    Adoption_Message__c: can('RC'),
    Message_Receipt__c: can('C'),
    // No share, and the owner (the sync's user) is not below them: nothing.
    Quick_Win__c: can('')
  },
  sponsor: {
    // VP role, above every manager and rep: Full Access to their opportunities.
    Opportunity: can('RCED'),
    // Read on Deal_Insight__c (recordCoach on the record pages they open); the VP role is above
    // the rep's, so the opportunity is theirs to read.
    Deal_Insight__c: can('R'),
    // View All on snapshots and nudge answers: Read, nothing else.
    Adoption_Snapshot__c: can('R'),
    Nudge_Response__c: can('R'),
    // View All on coaching sessions (the governance page counts 1:1s): Read only.
    Coaching_Session__c: can('R'),
    // Modify All on roadblocks (the platform grants it only with Delete): Read, Edit, Delete;
    // no Create.
    Roadblock__c: can('RED'),
    // Owner of the message; Create, Read, Edit, no Delete.
    Adoption_Message__c: can('RCE'),
    // View All on receipts (reach): Read only.
    Message_Receipt__c: can('R'),
    // View All on proposals: Read only (sharing one makes an Adoption_Message__c).
    Quick_Win__c: can('R')
  },
  integration: {
    // View All on Opportunity: Read only.
    Opportunity: can('R'),
    // Create and Edit, writeRequiresMasterRead: Read on the opportunity suffices; no Delete.
    Deal_Insight__c: can('RCE'),
    // Owner of the snapshots it writes; Create and Edit, no Delete.
    Adoption_Snapshot__c: can('RCE'),
    // View All: Read only.
    Nudge_Response__c: can('R'),
    // View All on coaching sessions and roadblocks (the governance report): Read only.
    Coaching_Session__c: can('R'),
    Roadblock__c: can('R'),
    // Read only: the digest reads the messages; its quick-win proposals are Quick_Win__c rows.
    Adoption_Message__c: can('R'),
    // View All: Read only.
    Message_Receipt__c: can('R'),
    // Owner of the proposals it drafts; Create and Edit, no Delete.
    Quick_Win__c: can('RCE')
  },
  admin: {
    Opportunity: can('RCED'),
    Deal_Insight__c: can('RCED'),
    Adoption_Snapshot__c: can('RCED'),
    Nudge_Response__c: can('RCED'),
    Coaching_Session__c: can('RCED'),
    Roadblock__c: can('RCED'),
    Adoption_Message__c: can('RCED'),
    Message_Receipt__c: can('RCED'),
    Quick_Win__c: can('RCED')
  }
};

/**
 * Field-level security as each persona's describe shows it: `R` readable, `RW` readable and
 * updateable, `-` absent from the describe. An object absent altogether is `no object`.
 */
export const FIELDS: [Persona, string, 'R' | 'RW' | '-' | 'no object'][] = [
  // The sync reads NextStep and Amount (granted read-only), not Probability (not granted).
  ['integration', 'Opportunity.NextStep', 'R'],
  ['integration', 'Opportunity.Amount', 'R'],
  ['integration', 'Opportunity.Probability', '-'],
  // Required fields come with the object.
  ['integration', 'Opportunity.StageName', 'R'],
  ['integration', 'OpportunityContactRole.Role', 'R'],
  ['integration', 'Contact.Title', 'R'],
  ['integration', 'Task.ActivityDate', 'R'],
  // The master-detail field is set on create and never updated (not reparentable).
  ['integration', 'Deal_Insight__c.Opportunity__c', 'R'],
  ['integration', 'Deal_Insight__c.Risk_Flags__c', 'RW'],
  ['integration', 'Adoption_Snapshot__c.Insights__c', 'RW'],
  // 1:1 dates for the governance report, not the manager's notes.
  ['integration', 'Coaching_Session__c.Notes__c', '-'],
  ['integration', 'Coaching_Session__c.Session_Date__c', 'R'],
  ['integration', 'Governance_Measure__c.Met__c', 'RW'],
  // Accounts, contacts and leads are read (never written) for their owners' completeness.
  ['integration', 'Account.Name', 'R'],
  ['integration', 'Account.Industry', 'R'],
  ['integration', 'Lead.Title', 'R'],
  ['integration', 'Lead.Description', '-'],
  // Coaching engagements: read for the ladder (View All), never written by the sync.
  ['integration', 'Coach_Engagement__c.Kind__c', 'R'],
  // A rep creates their own rows and never edits one (Create and Read, no Edit).
  ['rep', 'Coach_Engagement__c.Kind__c', 'R'],
  // Standard User: every standard field of the sales objects, editable where the field is.
  ['rep', 'Opportunity.Probability', 'RW'],
  ['rep', 'Account.Name', 'RW'],
  ['rep', 'Adoption_Snapshot__c.Insights__c', 'R'],
  ['rep', 'Deal_Insight__c.Risk_Flags__c', 'R'],
  ['rep', 'Nudge_Response__c.Reason__c', 'RW'],
  ['rep', 'Coaching_Session__c.Notes__c', 'no object'],
  ['manager', 'Coaching_Session__c.Notes__c', 'RW'],
  ['sponsor', 'Nudge_Response__c.Reason__c', 'R'],
  ['sponsor', 'Deal_Insight__c.Risk_Flags__c', 'R'],
  ['sponsor', 'Coaching_Session__c.Notes__c', '-'],
  // The sponsor closes roadblocks: the status and closing date only.
  ['sponsor', 'Roadblock__c.Status__c', 'RW'],
  ['sponsor', 'Roadblock__c.Subject__c', 'R'],
  ['admin', 'Coaching_Session__c.Notes__c', 'RW'],
  ['rep', 'Nudge_Response__c.Comment__c', 'RW'],
  ['rep', 'Adoption_Message__c.Body__c', 'R'],
  ['rep', 'Message_Receipt__c.Acknowledged__c', 'RW'],
  // Create without Edit on the object: the field is createable, not updateable.
  ['manager', 'Adoption_Message__c.Win_Opportunity__c', 'R'],
  ['sponsor', 'Adoption_Message__c.Audience_Value__c', 'RW'],
  ['sponsor', 'Message_Receipt__c.Acknowledged__c', 'R'],
  ['sponsor', 'Nudge_Response__c.Comment__c', 'R'],
  ['integration', 'Adoption_Message__c.Body__c', 'R'],
  ['integration', 'Quick_Win__c.Proposal_Key__c', 'RW'],
  ['manager', 'Quick_Win__c.Body__c', 'R'],
  ['sponsor', 'Quick_Win__c.Body__c', 'R'],
  ['rep', 'Quick_Win__c.Body__c', 'no object'],
  ['integration', 'Message_Receipt__c.First_Seen__c', 'R'],
  ['integration', 'Nudge_Response__c.Comment__c', 'R']
];
