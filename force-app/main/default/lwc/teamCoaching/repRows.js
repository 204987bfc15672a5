/**
 * The rows, columns and phone cards of the team's table: one rep's latest snapshot (and the one
 * before it, for the completeness trend) shaped for c-rep-table and the cards. Per-rep figures
 * only: team figures are read from the stored rollups (see teamCoaching.js).
 */
import CURRENCY from '@salesforce/i18n/currency';
import { stageIndex } from 'c/coachEngine';
import { formatCount, formatLabel } from 'c/coachLabels';

import COL_REP from '@salesforce/label/c.Team_Col_Rep';
import COL_MANAGER from '@salesforce/label/c.Team_Col_Manager';
import COL_STAGE from '@salesforce/label/c.Team_Col_Stage';
import COL_COMPLETENESS from '@salesforce/label/c.Team_Col_Completeness';
import COL_TREND from '@salesforce/label/c.Team_Col_Trend';
import COL_PIPELINE from '@salesforce/label/c.Team_Col_Pipeline';
import COL_STALE from '@salesforce/label/c.Team_Col_Stale';
import COL_PAST_DUE from '@salesforce/label/c.Team_Col_PastDue';
import COL_PUSHED from '@salesforce/label/c.Team_Col_Pushed';
import COL_NO_NEXT_STEP from '@salesforce/label/c.Team_Col_NoNextStep';
import COL_WIN_RATE from '@salesforce/label/c.Team_Col_WinRate';
import COL_ACTIVITIES from '@salesforce/label/c.Team_Col_Activities';
import OPEN_AGENDA from '@salesforce/label/c.Team_Open_Agenda';
import TREND_UP_ONE from '@salesforce/label/c.Team_Trend_Up_One';
import TREND_UP_OTHER from '@salesforce/label/c.Team_Trend_Up_Other';
import TREND_DOWN_ONE from '@salesforce/label/c.Team_Trend_Down_One';
import TREND_DOWN_OTHER from '@salesforce/label/c.Team_Trend_Down_Other';
import TREND_SAME from '@salesforce/label/c.Team_Trend_Same';

/** The number format of a card's figure, by its column's type. */
const METRIC_STYLE = { number: 'decimal', percent: 'percent', currency: 'currency' };

/** A rep's table row from their latest snapshot and, when there is one, the one before it. */
export function repRow(now, before) {
  const completeness = now.Completeness_Score__c;
  const prior = before ? before.Completeness_Score__c : null;
  const trend = completeness !== null && prior !== null ? completeness - prior : null;
  let trendIcon = null;
  let trendLabel = null;
  if (trend !== null) {
    trendIcon = trend > 0 ? 'utility:arrowup' : trend < 0 ? 'utility:arrowdown' : null;
    const points = Math.abs(trend);
    trendLabel =
      trend > 0
        ? formatCount(points, TREND_UP_ONE, TREND_UP_OTHER)
        : trend < 0
          ? formatCount(points, TREND_DOWN_ONE, TREND_DOWN_OTHER)
          : formatLabel(TREND_SAME, [points]);
  }
  return {
    repId: now.User__c,
    repName: now.UserName ?? now.User__c,
    agendaTitle: formatLabel(OPEN_AGENDA, [now.UserName ?? now.User__c]),
    managerId: now.Manager__c,
    managerName: now.ManagerName,
    stage: now.StageLabel,
    // Unknown rungs rank blank: the sort puts them last in both directions.
    stageRank: stageIndex(now.Adoption_Stage__c) < 0 ? null : stageIndex(now.Adoption_Stage__c),
    completeness: completeness === null ? null : completeness / 100,
    trend,
    trendIcon,
    trendLabel,
    pipeline: now.Open_Pipeline__c,
    stale: now.Stale_Opportunities__c,
    pastDue: now.Past_Due_Opportunities__c,
    pushed: now.Pushed_Opportunities__c,
    noNextStep: now.Missing_Next_Step__c,
    winRate: now.Win_Rate__c === null ? null : now.Win_Rate__c / 100,
    activities: now.Activities_Logged__c,
    periodStart: now.Period_Start__c
  };
}

/** The table's columns; the manager's column only over the whole hierarchy. */
export function repColumns(wholeHierarchy) {
  const number = (label, fieldName) => ({
    label,
    fieldName,
    type: 'number',
    sortable: true,
    cellAttributes: { alignment: 'right' }
  });
  const cols = [
    {
      label: COL_REP,
      fieldName: 'repName',
      type: 'button',
      sortable: true,
      typeAttributes: {
        label: { fieldName: 'repName' },
        title: { fieldName: 'agendaTitle' },
        name: 'agenda',
        variant: 'base'
      }
    }
  ];
  if (wholeHierarchy) {
    cols.push({ label: COL_MANAGER, fieldName: 'managerName', sortable: true });
  }
  cols.push(
    { label: COL_STAGE, fieldName: 'stage', sortable: true },
    {
      label: COL_COMPLETENESS,
      fieldName: 'completeness',
      type: 'percent',
      sortable: true,
      typeAttributes: { maximumFractionDigits: 0 }
    },
    {
      label: COL_TREND,
      fieldName: 'trend',
      type: 'number',
      sortable: true,
      cellAttributes: {
        alignment: 'right',
        iconName: { fieldName: 'trendIcon' },
        iconAlternativeText: { fieldName: 'trendLabel' }
      }
    },
    {
      label: COL_PIPELINE,
      fieldName: 'pipeline',
      type: 'currency',
      sortable: true,
      typeAttributes: { currencyCode: CURRENCY, maximumFractionDigits: 0 }
    },
    number(COL_STALE, 'stale'),
    number(COL_PAST_DUE, 'pastDue'),
    number(COL_PUSHED, 'pushed'),
    number(COL_NO_NEXT_STEP, 'noNextStep'),
    {
      label: COL_WIN_RATE,
      fieldName: 'winRate',
      type: 'percent',
      sortable: true,
      typeAttributes: { maximumFractionDigits: 1 }
    },
    number(COL_ACTIVITIES, 'activities')
  );
  return cols;
}

/** A card per rep: the figures of the table's number columns but the trend (on the stage line). */
export function repCards(rows, columns) {
  const metrics = columns.filter((c) => METRIC_STYLE[c.type] && c.fieldName !== 'trend');
  return rows.map((r) => ({
    ...r,
    metrics: metrics.map((c, i) => ({
      key: `${r.repId}-${i}`,
      label: c.label,
      value: r[c.fieldName],
      style: METRIC_STYLE[c.type],
      digits: c.typeAttributes?.maximumFractionDigits ?? 0
    }))
  }));
}
