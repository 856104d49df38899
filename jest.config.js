/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': '<rootDir>/test/support/esbuild-jest.js' },
  // The examples import the package by its published name; here that is the source (as in tsconfig.json).
  moduleNameMapper: { '^efs-modules$': '<rootDir>/src/index.ts' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One AWS provider process shared by the terraform commands that only read its schema.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  // cdktf's and cdktn's costs under jest: one `terraform version` per file, creation stacks unmapped.
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  // Tests that plan spend their time in terraform processes; two workers keep both cores busy.
  maxWorkers: 2,
  testTimeout: 180000,
};
