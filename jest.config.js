/** @type {import('jest').Config} */
module.exports = {
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
