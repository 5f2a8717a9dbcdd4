// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output*/**',
      '.wxt/**',
      'node_modules/**',
      'demo/dist/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'public/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Buyer text is untrusted: never parse it as HTML.
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Do not assign innerHTML; buyer text is untrusted. Use textContent or React.',
        },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Do not assign outerHTML.' },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Do not use insertAdjacentHTML.',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Do not use dangerouslySetInnerHTML.',
        },
      ],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // The domain runs in Node, workers and every extension context: no extension API, no DOM.
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt/*', 'webextension-polyfill', 'react', 'react-dom', 'node:*'],
              message: 'lib/ is pure TypeScript: no extension API, DOM, React or Node built-ins.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'chrome',
        'browser',
        'document',
        'window',
        'localStorage',
        'sessionStorage',
        'fetch',
        'XMLHttpRequest',
        'WebSocket',
      ],
    },
  },
  {
    // Content scripts read the console's DOM; data lives with extension pages and the background.
    files: ['entrypoints/huitouke.content/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', '@/lib/db/*', '**/lib/db/*'],
              message: "A content script must not open IndexedDB: it would open the host site's database.",
            },
          ],
        },
      ],
    },
  },
);
