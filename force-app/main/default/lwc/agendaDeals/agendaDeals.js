import { LightningElement, api } from 'lwc';
import CURRENCY from '@salesforce/i18n/currency';
import { getLabel } from 'c/coachLabels';
import { numberFormatter } from 'c/ldsUtils';
import DEAL_AMOUNT from '@salesforce/label/c.Agenda_Deal_Amount';
import FLAG_STALE from '@salesforce/label/c.Agenda_Flag_STALE';
import FLAG_PAST_DUE from '@salesforce/label/c.Agenda_Flag_PAST_DUE';
import FLAG_NO_NEXT_STEP from '@salesforce/label/c.Agenda_Flag_NO_NEXT_STEP';
import FLAG_PUSHED from '@salesforce/label/c.Agenda_Flag_PUSHED';
import FLAG_NO_CONTACT_ROLE from '@salesforce/label/c.Agenda_Flag_NO_CONTACT_ROLE';
import FLAG_NO_DECISION_MAKER from '@salesforce/label/c.Agenda_Flag_NO_DECISION_MAKER';
import FLAG_STAGE_REGRESSED from '@salesforce/label/c.Agenda_Flag_STAGE_REGRESSED';

const FLAG_LABELS = {
  STALE: FLAG_STALE,
  PAST_DUE: FLAG_PAST_DUE,
  NO_NEXT_STEP: FLAG_NO_NEXT_STEP,
  PUSHED: FLAG_PUSHED,
  NO_CONTACT_ROLE: FLAG_NO_CONTACT_ROLE,
  NO_DECISION_MAKER: FLAG_NO_DECISION_MAKER,
  STAGE_REGRESSED: FLAG_STAGE_REGRESSED
};

/**
 * Presentation component: the deals of a 1:1 agenda (the engine's buildCoachingAgenda) in the
 * agenda's order, each with its amount, optionally its risk flags, and the coaching question of
 * each flag. The manager's agenda and the rep's 1:1 preparation list the same deals with it.
 */
export default class AgendaDeals extends LightningElement {
  /** The agenda's deals: `[{ opportunityId, name, amount, flags, questions: [{ flag, label }] }]`. */
  @api deals = [];
  /** Record page links by opportunity id: the deals that have one link their name. */
  @api urls = {};
  /** Shows each deal's risk flags as badges. */
  @api showFlags = false;
  /** Begins every data-id hook ('deal', 'deal-name', 'deal-amount', 'flag', 'question'). */
  @api idPrefix = '';

  labels = { DEAL_AMOUNT };

  get ids() {
    const prefix = this.idPrefix || '';
    return {
      deal: `${prefix}deal`,
      name: `${prefix}deal-name`,
      amount: `${prefix}deal-amount`,
      flag: `${prefix}flag`,
      question: `${prefix}question`
    };
  }

  get rows() {
    // One formatter for the list: amounts as the user's locale writes money, no cents.
    const money = numberFormatter('currency', 0, CURRENCY);
    const urls = this.urls || {};
    return (this.deals || []).map((d, i) => ({
      key: d.opportunityId ?? `deal-${i}`,
      name: d.name ?? d.opportunityId,
      url: (d.opportunityId && urls[d.opportunityId]) || null,
      amountText: d.amount === null || d.amount === undefined ? '' : money(d.amount),
      flags: d.flags.map((f) => ({ key: f, label: FLAG_LABELS[f] ?? f })),
      questions: d.questions.map((q) => ({
        key: `${d.opportunityId}-${q.flag}`,
        text: getLabel(q.label)
      }))
    }));
  }
}
