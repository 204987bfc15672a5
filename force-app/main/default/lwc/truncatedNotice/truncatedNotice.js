import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/coachLabels';
import { MAX_PAGES, PAGE_SIZE } from 'c/managerData';

/**
 * Presentation component: the warning a container shows when a list was longer than the pages it
 * reads (c/managerData's PagedList), so its figures cover only the rows read.
 */
export default class TruncatedNotice extends LightningElement {
  /** The container's own sentence; {0}, when it has one, is the most rows read (pages × size). */
  @api label;

  get message() {
    return formatLabel(this.label, [PAGE_SIZE * MAX_PAGES]);
  }
}
