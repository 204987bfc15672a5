/**
 * Which of lightning-base-components' stylesheets the preview compiles as native-shadow only:
 * a base component's `*.lbc.native.css`, its `*.slds.css` and the `lightning/slds…` modules only
 * those import. Its own and its synthetic stylesheets stay: under synthetic shadow they are what
 * the engine renders beside the page's SLDS stylesheet.
 */
import { NATIVE_ONLY_CSS } from '../../scripts/preview/build';

const LBC = '/app/node_modules/lightning-base-components/src/lightning';
const nativeOnly = (file: string) => NATIVE_ONLY_CSS.some((pattern) => pattern.test(file));

test.each([
  `${LBC}/input/input.lbc.native.css`,
  `${LBC}/input/form-element.slds.css`,
  `${LBC}/progressRing/progress-ring.slds.css`,
  `${LBC}/sldsCommon/sldsCommon.css`,
  `${LBC}/sldsUtilsGrid/sldsUtilsGrid.css`,
  'C:\\app\\node_modules\\lightning-base-components\\src\\lightning\\input\\input.lbc.native.css'
])('%s is native-shadow only', (file) => {
  expect(nativeOnly(file)).toBe(true);
});

test.each([
  // A component's own stylesheet and its synthetic-shadow one.
  `${LBC}/input/input.css`,
  `${LBC}/input/input.lbc.synthetic.css`,
  `${LBC}/progressRing/progressRing.css`,
  // Imported by components' own stylesheets too (input.css, combobox.css).
  `${LBC}/sldsGenAiUtils/sldsGenAiUtils.css`,
  // Adoption Coach's own components, whatever their names.
  '/app/force-app/main/default/lwc/repTable/repTable.native.css',
  '/app/force-app/main/default/lwc/agendaDeals/agendaDeals.css'
])('%s is compiled for synthetic shadow too', (file) => {
  expect(nativeOnly(file)).toBe(false);
});
