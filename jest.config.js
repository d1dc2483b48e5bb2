/**
 * Type-checking happens once, in `tsc --noEmit` (see `npm test`); jest only
 * strips the types. It does that with swc (native, no type information),
 * which on a cold cache (a fresh clone, CI) costs far less CPU than
 * TypeScript's own transpiler (ts-jest) for the hundreds of files the tests load.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // The same output settings as tsconfig.json: ES2022, CommonJS.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // dist/ brought up to date once; tests spawn the compiled CLIs (test/support/compiled.ts).
  // The run's shared scratch folder (PostgreSQL template, one synth of the example) is made and removed here too.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // V8's code cache shared by the test files of a worker (see the file).
  runtime: '<rootDir>/test/support/compile-cache-runtime.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
