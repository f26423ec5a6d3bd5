const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swc },
  // content-disposition 3 (used by @fastify/static) ships ESM only; Node requires it natively, jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!\\.pnpm/content-disposition@|content-disposition/)'],
  moduleNameMapper: { '^@app/shared$': '<rootDir>/../shared/src/index.ts' },
};
