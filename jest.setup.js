/* global afterEach */
// Accessibility matchers (toBeAccessible) for every component test.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();

// A component test fails when anything calls console.error: a component's own error, an
// unhandled wire error, or LWC's warnings (such as a template compiled by another LWC version than
// the engine running it, which LWC logs once, when the module loads). Messages logged while the
// test file loads fail its first test.
const logged = [];
console.error = (...args) => {
  logged.push(args.map((a) => (a instanceof Error ? a.stack || a.message : String(a))).join(' '));
};

afterEach(() => {
  const messages = logged.splice(0);
  if (messages.length > 0) {
    throw new Error(
      `console.error was called ${messages.length} time(s):\n${messages.join('\n---\n')}`
    );
  }
});
