/**
 * The objective map: each objective (seen from the customer), the behaviours that serve it, and
 * each behaviour's measures with this week's figure against the target and the recognition a
 * team earns by reaching it.
 */
import { LightningElement, api } from 'lwc';
import { formatLabel, getLabel } from 'c/coachLabels';
import TITLE from '@salesforce/label/c.Gov_Map_Title';
import NONE from '@salesforce/label/c.Gov_Map_None';
import WEEK from '@salesforce/label/c.Gov_Map_Week';
import COL_MEASURE from '@salesforce/label/c.Gov_Col_Measure';
import COL_WEEK from '@salesforce/label/c.Gov_Col_ThisWeek';
import COL_TARGET from '@salesforce/label/c.Gov_Col_Target';
import COL_RECOGNITION from '@salesforce/label/c.Gov_Col_Recognition';
import MEASURE_RULE from '@salesforce/label/c.Gov_Measure_Rule';
import MEASURE_FLAG from '@salesforce/label/c.Gov_Measure_Flag';
import NO_FIGURE from '@salesforce/label/c.Gov_Measure_No_Figure';
import FIGURE from '@salesforce/label/c.Gov_Measure_Figure';
import PCT from '@salesforce/label/c.Gov_Pct';
import REACHED from '@salesforce/label/c.Gov_Reached';

export default class ObjectiveMap extends LightningElement {
  /** The view's objectives → behaviours → measures (MeasureFigure). */
  @api objectives = [];
  /** The week the figures are for. */
  @api periodStart;

  labels = { TITLE, NONE };

  columns = [
    { key: 'source', label: COL_MEASURE, wrap: true },
    {
      key: 'figure',
      label: COL_WEEK,
      badge: { field: 'reached', label: REACHED, theme: 'success' }
    },
    { key: 'target', label: COL_TARGET },
    { key: 'recognition', label: COL_RECOGNITION, wrap: true }
  ];

  get weekLine() {
    return this.periodStart ? formatLabel(WEEK, [this.periodStart]) : null;
  }

  get items() {
    return (this.objectives || []).map((o) => ({
      key: o.id,
      label: getLabel(o.label),
      behaviours: o.behaviours.map((b) => ({
        key: `${o.id}:${b.id}`,
        label: getLabel(b.label),
        measures: b.measures.map((m) => ({
          key: m.id,
          source: m.source.rule
            ? formatLabel(MEASURE_RULE, [m.source.rule])
            : formatLabel(MEASURE_FLAG, [m.source.flag]),
          figure: m.pct === null ? NO_FIGURE : formatLabel(FIGURE, [m.pct, m.met, m.counted]),
          target: formatLabel(PCT, [m.targetPct]),
          recognition: getLabel(m.recognition),
          reached: m.reached
        }))
      }))
    }));
  }

  get hasItems() {
    return this.items.length > 0;
  }
}
