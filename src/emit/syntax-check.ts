import { parse, type ParserOptions } from '@babel/parser';
import { parserFor } from '../discover';

/**
 * The syntax check of a file no transform needs to parse: the same parser and options as
 * jscodeshift's parser for its extension (`jscodeshift/parser/tsOptions.js`, `tsx.js`,
 * `babel5Compat.js`), so it accepts and refuses exactly what a transform's parse would and
 * throws the same error (message and `loc`), but without collecting tokens, which a 5 MB
 * module spends most of a parse on and a check does not need. (`allowHashBang` and
 * `ecmaVersion`, which babel5Compat also passes, are not @babel/parser options: it ignores them.)
 */
// jscodeshift ships these options as a CommonJS module without types.
const TS_OPTIONS = require('jscodeshift/parser/tsOptions') as ParserOptions;

const BABEL5_COMPAT: ParserOptions = {
  sourceType: 'module',
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  startLine: 1,
  plugins: [
    'estree', 'jsx', 'asyncGenerators', 'classProperties', 'doExpressions', 'exportExtensions' as never, 'functionBind', 'functionSent',
    'objectRestSpread', 'dynamicImport', 'nullishCoalescingOperator', 'optionalChaining', ['decorators', { decoratorsBeforeExport: false }],
  ],
};

const OPTIONS: Record<'ts' | 'tsx' | 'babel', ParserOptions> = {
  ts: { ...TS_OPTIONS, tokens: false },
  tsx: { ...TS_OPTIONS, tokens: false, plugins: ['jsx', ...(TS_OPTIONS.plugins ?? [])] },
  babel: { ...BABEL5_COMPAT, tokens: false },
};

/** Throws the parser's error when `source` (the text of `file`) does not parse as a transform would parse it. */
export function syntaxCheck(file: string, source: string): void {
  parse(source, OPTIONS[parserFor(file)]);
}
