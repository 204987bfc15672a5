/**
 * A manager's reps as a sortable table (presentation, part of c-team-coaching): plain SLDS
 * markup, a row per rep, the rep's name as the row header and a button; each other column's
 * value formatted as the user's locale writes numbers, percents and money. The container sorts:
 * a header fires `sort` ({ fieldName }); the rep's button fires `repselect` ({ repId }).
 *
 * Columns are given in lightning-datatable's shape ({ label, fieldName, type, typeAttributes }),
 * the first one being the rep; rows are plain objects keyed by the columns' fieldName, with
 * `repId`, `repName`, `agendaTitle` and, for the trend column, `trendIcon` and `trendLabel`.
 */
import { LightningElement, api } from 'lwc';
import { numberFormatter } from 'c/ldsUtils';

export default class RepTable extends LightningElement {
  @api columns = [];
  @api rows = [];
  @api sortedBy;
  @api sortedDirection;
  /** The table's accessible name. */
  @api caption;

  get headers() {
    return this.columns.map((c) => {
      const sorted = c.fieldName === this.sortedBy;
      const ascending = this.sortedDirection === 'asc';
      return {
        fieldName: c.fieldName,
        label: c.label,
        sorted,
        sortIcon: ascending ? 'utility:arrowup' : 'utility:arrowdown',
        ariaSort: sorted ? (ascending ? 'ascending' : 'descending') : 'none',
        className: `slds-is-sortable${sorted ? ' slds-is-sorted' : ''}${
          c.type === 'button' || !c.type ? '' : ' slds-text-align_right'
        }`
      };
    });
  }

  /** The rep as a button, then each column's value formatted for the user. */
  get tableRows() {
    const [, ...columns] = this.columns;
    const formats = columns.map((c) => formatterOf(c));
    return this.rows.map((row) => ({
      repId: row.repId,
      repName: row.repName,
      agendaTitle: row.agendaTitle,
      cells: columns.map((c, i) => ({
        key: c.fieldName,
        text:
          row[c.fieldName] === null || row[c.fieldName] === undefined
            ? ''
            : formats[i](row[c.fieldName]),
        className: c.type ? 'slds-text-align_right' : '',
        icon: c.fieldName === 'trend' ? row.trendIcon : null,
        iconLabel: c.fieldName === 'trend' ? row.trendLabel : null
      }))
    }));
  }

  handleHeaderClick(event) {
    const fieldName = event.currentTarget.dataset.field;
    this.dispatchEvent(new CustomEvent('sort', { detail: { fieldName } }));
  }

  handleRepClick(event) {
    const repId = event.currentTarget.dataset.rep;
    this.dispatchEvent(new CustomEvent('repselect', { detail: { repId } }));
  }
}

/** A formatter for a column's values, as the user's locale writes numbers, percents and money. */
function formatterOf(column) {
  if (!column.type) return (value) => String(value);
  return numberFormatter(
    column.type,
    column.typeAttributes?.maximumFractionDigits ?? 0,
    column.typeAttributes?.currencyCode
  );
}
