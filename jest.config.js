const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Most suites wait on child processes (servers, CLIs, bundlers), not the CPU: two workers on a
  // 2-core machine take the suite from ~620 s to ~375 s (jest's default there is one).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/transforms', '<rootDir>/test', '<rootDir>/examples/custom-transforms'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  // Example services are data (their package names would collide); the custom-transform examples are code.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/(?!custom-transforms/)', '/__testfixtures__/'],
  testPathIgnorePatterns: ['/node_modules/', '/__testfixtures__/'],
  testTimeout: 60000,
  // Generated modules import the published runtime; tests run it from source.
  moduleNameMapper: { '^lambdashift/runtime$': '<rootDir>/src/runtime/index.ts', '^lambdashift$': '<rootDir>/src/index.ts' },
};
