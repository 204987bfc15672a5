// Rows of the message tests: a published team message of March 2026, a rep of that team and
// their receipt of one showing on 2 March 09:00 UTC; each overridable field by field.
import type { AudienceMember, MessageRow, ReceiptRow } from '../../../scripts/engine';

export const msg = (over: Partial<MessageRow> = {}): MessageRow => ({
  Id: 'a01M1',
  Status__c: 'Published',
  Audience_Type__c: 'Team',
  Audience_Value__c: '005MGR1',
  Start_Date__c: '2026-03-01',
  End_Date__c: '2026-03-31',
  CreatedDate: '2026-03-01T08:00:00.000Z',
  ...over
});

export const rep = (over: Partial<AudienceMember> = {}): AudienceMember => ({
  userId: '005REP1',
  managerId: '005MGR1',
  stage: 'Understanding',
  missing: [],
  feedback: [],
  ...over
});

export const receipt = (over: Partial<ReceiptRow> = {}): ReceiptRow => ({
  Message__c: 'a01M1',
  User__c: '005REP1',
  First_Seen__c: '2026-03-02T09:00:00.000Z',
  Last_Shown__c: '2026-03-02T09:00:00.000Z',
  Times_Shown__c: 1,
  Acknowledged__c: null,
  ...over
});
