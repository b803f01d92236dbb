// One lint configuration for every workspace: typescript-eslint everywhere, Lit rules for the widgets.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'storybook-static/**',
      'sdk/src/generated/**',
      'tests/bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'unsafeHTML breaks strict CSP and Trusted Types.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: widgets run under a strict CSP.' },
        { selector: "Identifier[name='unsafeHTML']", message: 'unsafeHTML breaks strict CSP and Trusted Types.' },
        { selector: "Identifier[name='unsafeCSS']", message: 'unsafeCSS breaks strict CSP.' },
      ],
    },
  },
  {
    files: ['components/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/src/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
  prettier,
);
