/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': '@swc/jest' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Tests that plan spend their time in terraform processes; two workers keep both cores busy.
  maxWorkers: 2,
  testTimeout: 180000,
  // cdktf's Testing helpers leave globals behind; jest's soft cleanup only warns about them.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
