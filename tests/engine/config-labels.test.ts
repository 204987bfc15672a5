import { labelReferences, referencedLabels } from '../../scripts/engine/config-labels';
import { config, configCopy } from './helpers';

// What the config check reports when a label is not in the labels file: the label's JSON path.
// The paths below are read off config/coaching.config.json by hand.
describe('the custom labels a config names', () => {
  it('gives each label the JSON path it sits at, section by section', () => {
    const byPath = new Map(labelReferences(config).map((r) => [r.path, r.label]));
    expect(Object.fromEntries([...byPath].filter(([p]) => !p.startsWith('governance')))).toEqual(
      expect.objectContaining({
        'risk.flags.STALE.questionLabel': 'Coach_Q_Stale',
        'risk.flags.STAGE_REGRESSED.questionLabel': 'Coach_Q_StageRegressed',
        'ladder.tips.Awareness': 'Tip_Awareness',
        'ladder.repTips.Commitment': 'Rep_Tip_Commitment',
        'nudges.catalogue[0].label': 'Nudge_Opp_NextStep',
        'nudges.catalogue[0].benefitLabel': 'Nudge_Benefit_NextStep',
        'wiifm.statements[0].label': 'WIIFM_NextStep',
        'wiifm.statements[2].label': 'WIIFM_DecisionMaker',
        'wiifm.scopeLabels.org': 'WIIFM_Scope_Org',
        'recognition.labels.mostImproved': 'Recog_MostImproved'
      })
    );
    expect(byPath.get('governance.objectives[0].label')).toBe('Gov_Obj_WinCompetitive');
    expect(byPath.get('governance.objectives[0].behaviours[0].label')).toBe('Gov_Beh_KnowDecider');
    expect(byPath.get('governance.objectives[0].behaviours[0].measures[1].recognition')).toBe(
      'Gov_Rec_BuyersNamed'
    );
    expect(byPath.get('governance.training.paths[0].label')).toBe('Training_GettingStarted');
    expect(byPath.get('governance.training.paths[3].label')).toBe('Training_ActivityHabits');
  });

  it('counts one reference per place: 7 flags, 5 + 5 tips, 2 per nudge, 1 per statement, 3 scopes, 4 recognitions', () => {
    const c = configCopy();
    delete (c as { governance?: unknown }).governance;
    const refs = labelReferences(c);
    const expected = 7 + 5 + 5 + 2 * c.nudges.catalogue.length + c.wiifm.statements.length + 3 + 4;
    expect(refs).toHaveLength(expected);
    expect(refs.filter((r) => r.path.startsWith('governance'))).toEqual([]);
    // Every path is unique: no two places share a path.
    expect(new Set(refs.map((r) => r.path)).size).toBe(expected);
  });

  it('lists each name once, sorted, however many places name it', () => {
    const c = configCopy();
    c.ladder.repTips.Awareness = 'Tip_Awareness'; // now named twice
    const names = referencedLabels(c);
    expect(names.filter((n) => n === 'Tip_Awareness')).toEqual(['Tip_Awareness']);
    expect(names).not.toContain('Rep_Tip_Awareness');
    expect(names).toEqual([...names].sort());
    expect(names.slice(0, 2)).toEqual(['Coach_Q_NoContactRole', 'Coach_Q_NoDecisionMaker']);
  });
});
