import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noMathRandom = {
  selector: "MemberExpression[object.name='Math'][property.name='random']",
  message: 'Money and draws never use Math.random: use node:crypto or pass randomness in.',
};
const pureEngine = [
  noMathRandom,
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'The engine is pure: pass the clock in.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'The engine is pure: pass the clock in.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'packages/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['**/src/**/*.ts'], rules: { 'no-restricted-syntax': ['error', noMathRandom] } },
  {
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...pureEngine],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'pg',
            'drizzle-orm*',
            'fastify*',
            '@pingou/db',
            '@pingou/server',
            'node:fs',
            'node:net',
          ],
        },
      ],
    },
  },
);
