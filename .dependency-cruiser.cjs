/** Folder boundaries: who may depend on whom. `npm run lint` checks them. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, dependencyTypesNot: ['type-only'] } },
    {
      name: 'api-never-imports-workflows-or-activities',
      comment: 'The API reaches workflows only through libs/temporal-client and libs/contracts.',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^(workflows|activities)/' },
    },
    {
      name: 'workflows-stay-deterministic',
      comment: 'Workflows depend only on @temporalio/workflow, libs/contracts, libs/domain and activity types.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^(apps|libs/(persistence|temporal-client|config|local-infra))/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-import-activities-as-types-only',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds rules: no I/O, no framework, no other lib.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'contracts-are-definitions-only',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { pathNot: '^(libs/(contracts|domain)/|node_modules/@temporalio/workflow/)' },
    },
    {
      name: 'libs-never-import-apps-or-processes',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|workflows|activities|test)/' },
    },
    {
      name: 'activities-never-import-apps-or-workflows',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(apps|workflows)/' },
    },
    {
      name: 'only-the-worker-runs-workers',
      comment: '@temporalio/worker belongs to apps/worker (tests and tools may use it too).',
      severity: 'error',
      from: { path: '^(apps/api|libs|activities|workflows)/' },
      to: { path: 'node_modules/@temporalio/worker/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
