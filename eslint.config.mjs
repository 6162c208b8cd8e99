// ESLint (flat config): typescript-eslint's recommended-type-checked set over the TypeScript of apps/, libs/,
// test/ and deploy/ (typed through tsconfig.json), @eslint/js's recommended set over the console's browser
// modules. `npm run lint`; deploy/hub.sh test runs it before jest.
import js from '@eslint/js';
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

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.run/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {},
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
