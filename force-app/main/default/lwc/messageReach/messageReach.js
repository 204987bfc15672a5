import { LightningElement, api } from 'lwc';
import { formatCount, formatLabel } from 'c/coachLabels';
import TITLE from '@salesforce/label/c.Message_Reach_Title';
import NONE from '@salesforce/label/c.Message_Reach_None';
import AUDIENCE_ONE from '@salesforce/label/c.Message_Reach_Audience_One';
import AUDIENCE_OTHER from '@salesforce/label/c.Message_Reach_Audience_Other';
import SEEN from '@salesforce/label/c.Message_Reach_Seen';
import ACKNOWLEDGED from '@salesforce/label/c.Message_Reach_Acknowledged';
import BY_TEAM from '@salesforce/label/c.Message_Reach_By_Team';
import NO_TEAM from '@salesforce/label/c.Message_Reach_No_Team';
import TEAM_COLUMN from '@salesforce/label/c.Message_Reach_Team';
import AUDIENCE_COLUMN from '@salesforce/label/c.Message_Reach_Audience_Column';
import SEEN_COLUMN from '@salesforce/label/c.Message_Reach_Seen_Column';
import ACK_COLUMN from '@salesforce/label/c.Message_Reach_Acknowledged_Column';

const pct = (part, whole) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/**
 * Presentation component: each programme message's reach, seen and acknowledged as a share of
 * its audience, and by team. Takes the rows the container computed with the engine.
 */
export default class MessageReach extends LightningElement {
  /** [{ id, name, audience, seen, acknowledged, byTeam: [{ managerId, name, audience, seen, acknowledged }] }] */
  @api rows = [];

  labels = { TITLE, NONE, BY_TEAM };

  columns = [
    { key: 'name', label: TEAM_COLUMN },
    { key: 'audience', label: AUDIENCE_COLUMN },
    { key: 'seen', label: SEEN_COLUMN },
    { key: 'acknowledged', label: ACK_COLUMN }
  ];

  get hasRows() {
    return (this.rows || []).length > 0;
  }

  get items() {
    return (this.rows || []).map((r) => ({
      id: r.id,
      name: r.name,
      audience: formatCount(r.audience, AUDIENCE_ONE, AUDIENCE_OTHER),
      seen: formatLabel(SEEN, [r.seen, pct(r.seen, r.audience)]),
      acknowledged: formatLabel(ACKNOWLEDGED, [r.acknowledged, pct(r.acknowledged, r.audience)]),
      teams: r.byTeam.map((t) => ({
        key: t.managerId || 'none',
        name: t.name || NO_TEAM,
        audience: t.audience,
        seen: `${t.seen} (${pct(t.seen, t.audience)} %)`,
        acknowledged: `${t.acknowledged} (${pct(t.acknowledged, t.audience)} %)`
      }))
    }));
  }
}
