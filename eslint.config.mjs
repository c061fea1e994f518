// ESLint over the TypeScript sources: eslint's and typescript-eslint's recommended rules (syntax
// only: type-aware rules would make a lint run take minutes on this machine), with the few
// adjustments this codebase's conventions need. Layering (DESIGN.md's dependency rules) is kept as
// a test: engine/test/dependency-rules.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    ignores: [
      'node_modules/',
      'dist/',
      'proto/generated/',
      'provider/constructs/generated/',
      '**/cdktf.out/',
      '.test-work-*/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed names say "unused on purpose" (callbacks, destructuring)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `cond && f()` and `a ? f() : g()` read fine; a comma sequence as a statement does not
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // the CLI loads some modules lazily with require() so that `gridform -help` starts fast
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // plain Node scripts (CommonJS)
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
