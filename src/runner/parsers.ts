import type { JSCodeshift, Parser } from 'jscodeshift';

/** Parser names jscodeshift understands (`babel` is its Babel 5 compatible setup with JSX). */
export const PARSER_NAMES = ['babel', 'babylon', 'flow', 'ts', 'tsx'] as const;
export type ParserName = (typeof PARSER_NAMES)[number];

/** A parser as a transform may export it: a name, or an object with `parse(source)`. */
export type ParserSpec = ParserName | Parser;

export function isParserName(value: unknown): value is ParserName {
  return typeof value === 'string' && (PARSER_NAMES as readonly string[]).includes(value);
}

export function isParserSpec(value: unknown): value is ParserSpec {
  return isParserName(value) || (typeof value === 'object' && value !== null && typeof (value as Parser).parse === 'function');
}

/**
 * Hands out one `jscodeshift.withParser(...)` per parser for the life of the cache. jscodeshift's
 * own worker builds a fresh one for every file; building it once per run keeps that cost off
 * the per-file path.
 */
export class JscodeshiftCache {
  private readonly byParser = new Map<ParserSpec, JSCodeshift>();

  get(parser: ParserSpec): JSCodeshift {
    let j = this.byParser.get(parser);
    if (!j) {
      // Required here, not at the top: a main thread that leaves the work to workers never loads it.
      const jscodeshift = require('jscodeshift') as JSCodeshift;
      j = jscodeshift.withParser(parser);
      this.byParser.set(parser, j);
    }
    return j;
  }
}
