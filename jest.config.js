/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/transforms', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/'],
  testPathIgnorePatterns: ['/node_modules/', '/__testfixtures__/'],
  testTimeout: 60000,
  // Generated modules import the published runtime; tests run it from source.
  moduleNameMapper: { '^lambdashift/runtime$': '<rootDir>/src/runtime/index.ts' },
};
