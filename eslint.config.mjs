// ESLint (flat config): typescript-eslint's recommended-type-checked set over the TypeScript of apps/, libs/,
// test/ and deploy/ (typed through tsconfig.json), @eslint/js's recommended set over the console's browser
// modules. `npm run lint`; deploy/hub.sh test runs it before jest.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** What the console's modules use of the browser (no `globals` package among the dependencies). */
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'localStorage',
    'fetch',
    'URLSearchParams',
    'Node',
    'confirm',
    'setTimeout',
    'clearTimeout',
    'console',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.run/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { id: _id, ...view } = row` drops fields by destructuring, and a parameter an interface requires
      // may go unused: both are named with a leading underscore. Everything else unused is still reported.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests: unit specs, end-to-end suites and their support, benchmarks. They read untyped answers (supertest's
    // body, fetch().json(), JSON.parse, rows of raw SQL), typed `any` as supertest types its body, and check them
    // with expect(), which is the check; typing every answer first would only restate the assertion. Their stubs
    // implement Promise-returning interfaces with async arrows that have nothing to await. The rest of the set
    // (floating and misused promises, unused variables, unsafe Function types, ...) applies to tests as to the code.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['apps/admin/console/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', ecmaVersion: 2022, globals: browserGlobals },
  },
  {
    files: ['jest.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', __dirname: 'readonly' } },
  },
);
