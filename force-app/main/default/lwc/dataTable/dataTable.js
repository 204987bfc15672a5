import { LightningElement, api } from 'lwc';

/** One cell of `row` under `column`, in the shape the template reads. */
function cell(column, row) {
  const value = row[column.key];
  const badge = column.badge && row[column.badge.field] ? column.badge : null;
  return {
    key: column.key,
    label: column.label,
    className: column.wrap ? 'slds-cell-wrap' : undefined,
    isText: column.type !== 'date',
    value,
    badge: badge && badge.label,
    badgeClass: badge && `slds-badge slds-theme_${badge.theme} slds-m-left_xx-small`
  };
}

/**
 * Presentation component: a read-only SLDS table. Each row is a record whose fields the columns
 * name; the first column heads its row (scope="row"). A cell shows its field's text, or a date
 * (UTC) for a column of `type: 'date'`; a column's `badge` follows the text with a badge on the
 * rows whose `badge.field` is true. With `action`, each row ends with a button that fires
 * `rowaction` with the row's key. Rows carry `data-key`, cells `data-field` (the column's key).
 */
export default class DataTable extends LightningElement {
  /** What the table shows (its caption, for screen readers). */
  @api caption;
  /** The table's name where it differs from the caption (its aria-label). */
  @api label;
  /** `[{ key, label, type?: 'date', wrap?, badge?: { field, label, theme } }]` */
  @api columns = [];
  /** `[{ key, bold?, action?: { label, disabled }, [column key]: value }]`; a bold row is a total. */
  @api rows = [];
  /** The last column's buttons: `{ heading, text }`; each row's `action` names its button. */
  @api action;
  /** On narrow screens each row stacks into lines, each cell under its column's label. */
  @api stacked = false;
  /** Shades every other row. */
  @api striped = false;

  get tableClass() {
    return [
      'slds-table slds-table_bordered slds-table_cell-buffer',
      this.stacked && 'slds-max-medium-table_stacked',
      this.striped && 'slds-table_striped'
    ]
      .filter(Boolean)
      .join(' ');
  }

  get tableRows() {
    const [first, ...rest] = this.columns || [];
    return (this.rows || []).map((row) => ({
      key: row.key,
      className: row.bold ? 'slds-text-title_bold' : undefined,
      head: cell(first, row),
      cells: rest.map((column) => cell(column, row)),
      action: row.action
    }));
  }

  handleAction(event) {
    const detail = { key: event.currentTarget.dataset.key };
    this.dispatchEvent(new CustomEvent('rowaction', { detail }));
  }
}
