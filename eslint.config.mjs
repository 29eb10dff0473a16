// ESLint for the whole project (`npm run lint`, part of `npm test`; Next 16 has no `next lint`).
// Three rule sets, as issue #33 asks: typescript-eslint's recommended rules (on top of ESLint's own recommended
// ones, as typescript-eslint's set-up does), React's hooks rules, and Next's core-web-vitals rules. The script
// runs with --max-warnings 0, so a warning fails like an error. Every rule switched off below says why.
import comments from '@eslint-community/eslint-plugin-eslint-comments'
import js from '@eslint/js'
import nextPlugin from '@next/eslint-plugin-next'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  // Generated or produced by tools, never edited by hand.
  globalIgnores([
    '.next/',
    'lib/generated/',
    'prisma/postgres/',
    'test-results/',
    'playwright-report/',
    'var/',
    'next-env.d.ts',
    'public/sw.js', // scripts/build-sw.ts writes it after every build
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  // Next's recommended rules with those that affect Core Web Vitals raised to errors: the Next part of
  // eslint-config-next/core-web-vitals (that package also brings eslint-plugin-react, -import and -jsx-a11y, not
  // asked for here; axe checks the pages' accessibility in e2e).
  nextPlugin.configs['core-web-vitals'],
  // React's hooks rules: rules-of-hooks and exhaustive-deps, and with them the rules this plugin's 7.x "recommended"
  // takes from the React Compiler (purity, refs, immutability, set-state-in-effect, set-state-in-render, globals,
  // static-components, use-memo, …). The app does not run the compiler; these rules are kept because each checks a
  // rule of React that holds without it (render is pure, refs are not read while rendering, state is not copied
  // into state by an effect), and what they found here was worth fixing (a ref written while rendering, clocks read
  // while rendering, a callback retrying through its own render's binding). Not "recommended-latest": its extra
  // rule is marked experimental. They cost most of the lint's time (one compiler pass per file); the lint script's --cache keeps reruns short.
  reactHooks.configs.flat.recommended,
  {
    // A suppression that no longer suppresses anything goes, rather than hiding the next real finding.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@eslint-community/eslint-comments': comments },
    rules: {
      // Every `eslint-disable…` says why after `--`, so the next reader can judge whether it still holds.
      '@eslint-community/eslint-comments/require-description': 'error',
      // The hooks' dependency lists are checked, not advised: a stale closure in the review screen loses answers.
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          // The field named before a rest element (`{ updatedAt, ...rest }`) is left out of `rest` on purpose, and a
          // Playwright test names a fixture it needs only for its set-up with an underscore (`user: _user`).
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // The few plain JavaScript files (Node scripts, next.config.js) run in Node; TypeScript does not check them,
    // so no-undef stays on for them with Node's globals declared.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['next.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // Off for this file only: package.json has no "type", so Node and Next load next.config.js as CommonJS,
      // where require() is the way to import.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Off for the e2e tests only: a Playwright fixture hands its value to the test through a callback named `use`,
    // which the rule takes for React's use() hook. No React code lives in e2e/.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
])
