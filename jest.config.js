/**
 * Type-checking happens once, in `tsc --noEmit` (see `npm test`); jest only
 * transpiles (isolatedModules), which keeps a test file that imports provider
 * bindings under a second instead of ~7 s and 700 MB.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // dist/ brought up to date once; tests spawn the compiled CLIs (test/support/compiled.ts).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
