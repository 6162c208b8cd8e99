/** One run, two kinds of test: colocated unit specs (*.spec.ts) and end-to-end suites (test/e2e/*.e2e-spec.ts)
 * that need the broker and database deploy/hub.sh test starts. */
const moduleNameMapper = {
  '^@hub/(.*)$': '<rootDir>/libs/$1/src',
};
// isolatedModules (tsconfig.jest.json): each file transpiled alone, no type check; tsc checks types separately.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] };

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/deploy'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper,
      transform,
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      setupFiles: ['reflect-metadata'],
      slowTestThreshold: 60,
    },
  ],
};
