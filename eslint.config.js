import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'custom-elements.json',
      '**/*.tmp.*',
      // The example sites are built by their own tools (test/examples checks them in Chromium).
      'examples/',
      // Hand-written framework typings, checked by the React app of test/examples/apps.test.ts.
      'types/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: {...globals.browser, ...globals.node},
      parserOptions: {projectService: {allowDefaultProject: ['*.js', '*.mjs']}},
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'Scripts are parsed, never evaluated.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'Scripts are parsed, never evaluated.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'User text reaches the DOM only as text.',
        },
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a union of string literals instead of an enum.',
        },
      ],
    },
  },
  {
    files: ['components/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.ts'],
    ...wc.configs['flat/recommended'],
    settings: {wc: {elementBaseClasses: ['LitElement']}},
  },
  {files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked},
  prettier,
);
