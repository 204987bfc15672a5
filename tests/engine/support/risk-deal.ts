/**
 * The open deal the risk tests start from: in Negotiation/Review, closing 2024-02-28, no next
 * step, last activity 2024-02-10, created 2023-12-01.
 */
export const opportunity = {
  Id: '006A',
  Name: 'Acme fleet',
  StageName: 'Negotiation/Review',
  IsClosed: false,
  IsWon: false,
  CloseDate: '2024-02-28',
  Amount: 1000,
  NextStep: null,
  LastActivityDate: '2024-02-10',
  CreatedDate: '2023-12-01T10:00:00.000+0000'
};
