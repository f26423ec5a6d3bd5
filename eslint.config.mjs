// One lint setup for every package (flat config). Type-aware rules are left to `tsc --noEmit` per package.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.swc/**',
      'artifacts/**',
      'data/**',
      '.tools/**',
      'miniapp/types/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'server/admin-web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: [
      'scripts/**/*.mjs',
      '**/test/**/*.{ts,tsx,mjs,js}',
      '**/*.test.*',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/scripts/**/*.mjs',
      '**/config/**/*.{ts,js}',
      '**/*.config.{js,mjs,cjs,ts,mts}',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'class-validator', 'typeorm', '@tarojs/*', 'react'] },
      ],
    },
  },
  {
    // Small files: one idea each, readable without scrolling. Blank lines and comments do not count.
    files: ['**/*.{ts,tsx,mjs,js,cjs}'],
    ignores: ['server/src/metadata.ts'], // generated
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
);
