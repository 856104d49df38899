/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': '<rootDir>/test/support/esbuild-jest.js' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Tests that plan spend their time in terraform processes; two workers keep both cores busy.
  maxWorkers: 2,
  testTimeout: 180000,
};
