module.exports = { testEnvironment: 'node', rootDir: __dirname, roots: ['<rootDir>/src'], testRegex: '\\.spec\\.ts$',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }] },
  moduleNameMapper: { '^@app/shared$': '<rootDir>/../shared/src/index.ts' } };
