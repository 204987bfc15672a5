/**
 * Chart presentation for the sponsor's adoption pulse: a stacked bar chart, a line chart, a
 * gauge or a list of gauges, drawn in plain SVG with SLDS colours; the bars and lines each with a
 * data table for screen readers (and for anyone who prefers figures: "Show table" makes it
 * visible), a gauge with its summary sentence.
 *
 * Why plain SVG rather than a chart library as a static resource: the three charts need a few
 * dozen shapes, which a template draws in far less code than a library's loader and options
 * (Chart.js alone is ~200 KB, loaded asynchronously through platformResourceLoader and drawn
 * on a <canvas> that screen readers cannot read and that Lightning Locker/LWS restricts). SVG
 * renders synchronously, scales on a phone, prints, uses the SLDS palette, and is testable in
 * jsdom; nothing has to be installed, kept up to date or security-reviewed.
 *
 * Presentation only: every figure and every string comes from the container through @api.
 */
import { LightningElement, api } from 'lwc';
import SHOW_TABLE from '@salesforce/label/c.Chart_Show_Table';
import HIDE_TABLE from '@salesforce/label/c.Chart_Hide_Table';
import NO_VALUE from '@salesforce/label/c.Chart_No_Value';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const GAUGE_W = 640;
const GAUGE_H = 44;

function round2(x) {
  return Math.round(x * 100) / 100;
}

export default class PulseChart extends LightningElement {
  /** 'stacked' | 'line' | 'gauge'. */
  @api type = 'stacked';
  /** Heading of the chart (also the table caption). */
  @api title;
  /** One sentence summarising what the chart shows (read first by screen readers). */
  @api summary;
  /** Category labels along the x axis (stacked, line), e.g. period start dates. */
  @api categories = [];
  /** Header of the category column of the data table. */
  @api categoryHeader;
  /** [{ name, values: number[] }] (stacked: one per segment, bottom first; line: one). */
  @api series = [];
  /** Line and gauge: the maximum of the scale (default 100). */
  @api max = 100;
  /** Line and gauge: a target drawn as a dashed line (null for none). */
  @api target = null;
  /** Gauge: the value (null: no value yet). */
  @api value = null;
  /**
   * Gauges: one gauge per entry, `[{ key, title, value, summary }]`, as a list in two columns
   * from medium width, each against `target`. One chart draws them all: 51 team gauges as 51
   * components took most of the pulse's drawing.
   */
  @api gauges = [];
  /** Suffix of values in the table (e.g. ' %'). */
  @api unit = '';

  tableShown = false;
  labels = { SHOW_TABLE, HIDE_TABLE };
  viewBox = `0 0 ${WIDTH} ${HEIGHT}`;
  gaugeViewBox = `0 0 ${GAUGE_W} ${GAUGE_H}`;

  get isStacked() {
    return this.type === 'stacked';
  }

  get isLine() {
    return this.type === 'line';
  }

  /** Bars or lines: a plot over the categories with a value axis. */
  get isPlot() {
    return this.isStacked || this.isLine;
  }

  /** A gauge, or a list of them. */
  get isGauge() {
    return this.type === 'gauge' || this.isGaugeList;
  }

  get isGaugeList() {
    return this.type === 'gauges';
  }

  get toggleLabel() {
    return this.tableShown ? HIDE_TABLE : SHOW_TABLE;
  }

  get tableClass() {
    return this.tableShown ? 'slds-m-top_x-small' : 'slds-assistive-text';
  }

  handleToggleTable() {
    this.tableShown = !this.tableShown;
  }

  get cats() {
    return Array.isArray(this.categories) ? this.categories : [];
  }

  get seriesList() {
    return Array.isArray(this.series) ? this.series : [];
  }

  // ---------------------------------------------------------------- stacked bars

  get stackMax() {
    let max = 0;
    this.cats.forEach((c, i) => {
      let sum = 0;
      for (const s of this.seriesList) sum += Number(s.values[i]) || 0;
      max = Math.max(max, sum);
    });
    return max;
  }

  get bars() {
    const n = this.cats.length;
    if (n === 0) return [];
    const max = this.stackMax || 1;
    const slot = PLOT_W / n;
    const width = round2(Math.min(slot * 0.6, 64));
    return this.cats.map((category, i) => {
      let y = PAD.top + PLOT_H;
      const x = round2(PAD.left + slot * i + (slot - width) / 2);
      const segments = this.seriesList.map((s, k) => {
        const v = Number(s.values[i]) || 0;
        const h = round2((PLOT_H * v) / max);
        y = round2(y - h);
        return {
          key: `${i}-${k}`,
          x,
          y,
          width,
          height: h,
          cssClass: `pulse-fill-${k}`
        };
      });
      return {
        key: String(i),
        segments,
        labelX: round2(x + width / 2),
        labelY: HEIGHT - 8,
        label: category
      };
    });
  }

  get yTicks() {
    const max = this.isStacked ? this.stackMax : Number(this.max) || 100;
    const values = max > 0 ? [0, max / 2, max] : [0];
    return values.map((v, i) => {
      const y = round2(PAD.top + PLOT_H - (PLOT_H * v) / (max || 1));
      return {
        key: String(i),
        y,
        textY: round2(y + 4),
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        label: Number.isInteger(v) ? String(v) : v.toFixed(1)
      };
    });
  }

  get legend() {
    return this.seriesList.map((s, k) => ({
      key: String(k),
      name: s.name,
      swatchClass: `pulse-swatch pulse-bg-${k}`
    }));
  }

  // ---------------------------------------------------------------- line

  get linePoints() {
    const s = this.seriesList[0];
    const n = this.cats.length;
    if (!s || n === 0) return [];
    const max = Number(this.max) || 100;
    const step = n > 1 ? PLOT_W / (n - 1) : 0;
    const points = [];
    this.cats.forEach((category, i) => {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(Number(v))) return;
      points.push({
        key: String(i),
        x: round2(PAD.left + (n > 1 ? step * i : PLOT_W / 2)),
        y: round2(PAD.top + PLOT_H * (1 - Math.min(Number(v), max) / max)),
        index: i
      });
    });
    return points;
  }

  /** Polylines joining consecutive points (a period without a value breaks the line). */
  get lineSegments() {
    const segments = [];
    let current = [];
    let last = -2;
    for (const p of this.linePoints) {
      if (p.index !== last + 1 && current.length > 0) {
        segments.push(current);
        current = [];
      }
      current.push(p);
      last = p.index;
    }
    if (current.length > 0) segments.push(current);
    return segments.map((pts, i) => ({
      key: String(i),
      points: pts.map((p) => `${p.x},${p.y}`).join(' ')
    }));
  }

  get lineLabels() {
    const n = this.cats.length;
    const step = n > 1 ? PLOT_W / (n - 1) : 0;
    return this.cats.map((category, i) => ({
      key: String(i),
      x: round2(PAD.left + (n > 1 ? step * i : PLOT_W / 2)),
      y: HEIGHT - 8,
      label: category
    }));
  }

  get hasTarget() {
    return (
      this.target !== null && this.target !== undefined && Number.isFinite(Number(this.target))
    );
  }

  get targetLine() {
    const max = Number(this.max) || 100;
    const y = round2(PAD.top + PLOT_H * (1 - Math.min(Number(this.target), max) / max));
    return { x1: PAD.left, x2: WIDTH - PAD.right, y };
  }

  // ---------------------------------------------------------------- gauge

  /**
   * The gauges drawn: the chart's own value (its title and summary are the figure's caption), or
   * one per entry of `gauges`, each with its own title and summary, as list items.
   */
  get gaugeList() {
    if (!this.isGaugeList) return [{ key: 'gauge', ...this.gaugeOf(this.value) }];
    return (Array.isArray(this.gauges) ? this.gauges : []).map((g) => ({
      key: g.key,
      title: g.title,
      summary: g.summary,
      role: 'listitem',
      className: 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2 slds-m-bottom_small',
      dataId: 'gauge-item',
      ...this.gaugeOf(g.value)
    }));
  }

  /** The list's role and grid (none for a single gauge). */
  get gaugeListRole() {
    return this.isGaugeList ? 'list' : null;
  }

  get gaugeListClass() {
    return this.isGaugeList ? 'slds-grid slds-wrap slds-gutters_small' : '';
  }

  /** One gauge's bar against the target, and its value as text. */
  gaugeOf(raw) {
    const max = Number(this.max) || 100;
    const hasValue = raw !== null && raw !== undefined && Number.isFinite(Number(raw));
    const v = hasValue ? Math.max(0, Math.min(Number(raw), max)) : 0;
    const t = this.hasTarget ? Math.max(0, Math.min(Number(this.target), max)) : null;
    const reached = hasValue && t !== null && Number(raw) >= Number(this.target);
    return {
      trackWidth: GAUGE_W,
      valueWidth: round2((GAUGE_W * v) / max),
      fillClass: reached ? 'pulse-gauge-reached' : 'pulse-gauge-value',
      targetX: t === null ? null : round2((GAUGE_W * t) / max),
      hasTarget: t !== null,
      height: 28,
      valueText: hasValue ? `${raw}${this.unit || ''}` : NO_VALUE
    };
  }

  // ---------------------------------------------------------------- the table alternative

  /** The category column, then one column a series (`s0`, `s1`, …). */
  get tableColumns() {
    const series = this.seriesList.map((s, k) => ({ key: `s${k}`, label: s.name }));
    return [{ key: 'category', label: this.categoryHeader }, ...series];
  }

  get tableRows() {
    return this.cats.map((category, i) => {
      const row = { key: String(i), category };
      this.seriesList.forEach((s, k) => {
        const v = s.values[i];
        const blank = v === null || v === undefined || !Number.isFinite(Number(v));
        row[`s${k}`] = blank ? NO_VALUE : `${v}${this.unit || ''}`;
      });
      return row;
    });
  }
}
