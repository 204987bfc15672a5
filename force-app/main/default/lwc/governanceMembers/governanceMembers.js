/** The governance group: members by part, and a warning for each part nobody plays. */
import { LightningElement, api } from 'lwc';
import TITLE from '@salesforce/label/c.Gov_Members_Title';
import NONE from '@salesforce/label/c.Gov_Members_None';
import PART_SPONSOR from '@salesforce/label/c.Gov_Part_Sponsor';
import PART_LEAD from '@salesforce/label/c.Gov_Part_Lead';
import PART_PEOPLE from '@salesforce/label/c.Gov_Part_People';
import PART_PROCESS from '@salesforce/label/c.Gov_Part_Process';
import PART_TECHNOLOGY from '@salesforce/label/c.Gov_Part_Technology';
import GAP_SPONSOR from '@salesforce/label/c.Gov_Gap_Sponsor';
import GAP_LEAD from '@salesforce/label/c.Gov_Gap_Lead';
import GAP_PEOPLE from '@salesforce/label/c.Gov_Gap_People';
import GAP_PROCESS from '@salesforce/label/c.Gov_Gap_Process';
import GAP_TECHNOLOGY from '@salesforce/label/c.Gov_Gap_Technology';

const PARTS = {
  Sponsor: PART_SPONSOR,
  Lead: PART_LEAD,
  People: PART_PEOPLE,
  Process: PART_PROCESS,
  Technology: PART_TECHNOLOGY
};
const GAPS = {
  Sponsor: GAP_SPONSOR,
  Lead: GAP_LEAD,
  People: GAP_PEOPLE,
  Process: GAP_PROCESS,
  Technology: GAP_TECHNOLOGY
};

export default class GovernanceMembers extends LightningElement {
  /** The view's members: { id, name, part }. */
  @api members = [];
  /** Parts nobody plays. */
  @api gaps = [];

  labels = { TITLE, NONE };

  get rows() {
    return (this.members || []).map((m) => ({ key: m.id, name: m.name, part: PARTS[m.part] }));
  }

  get hasMembers() {
    return this.rows.length > 0;
  }

  get gapRows() {
    return (this.gaps || []).map((g) => ({ key: g, text: GAPS[g] }));
  }
}
