// Six suites, one runner. Workflow tests run on Temporal's time-skipping server,
// integration tests on a real PostgreSQL, end-to-end tests over real HTTP against
// a Temporal dev server, the compiled worker and PostgreSQL; browser tests drive the
// web application in Chromium against that same system; cluster tests run it on a
// multi-process Temporal cluster with replicas.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  ...common,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: the Temporal servers and PostgreSQL need the rest.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // Longest files first (committed durations), not by file size: no long file left to run alone at the end.
  testSequencer: '<rootDir>/test/support/sequencer.cjs',
  // Generous for the end-to-end suites, which start real servers; time itself is never asserted.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.spec.ts', '<rootDir>/test/replay/**/*.spec.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // The web application in Chromium, against the whole system (needs `npm run build`).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // The production topology: a Temporal cluster of separate processes (built once into the cache), two workers, two APIs.
    { ...common, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.spec.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
  ],
};
