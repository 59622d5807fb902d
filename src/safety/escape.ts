/**
 * Escaping of user-controlled text (route paths, job names, file names, schedule strings) for
 * each context it can reach: one helper per context, each tested with random Unicode
 * (test/safety/escape.test.ts).
 *
 * "Unsafe" characters are those that break a line for some reader (LF, CR, U+2028, U+2029,
 * NEL), are invisible or reorder text in review (bidi controls, zero-width characters, BOM),
 * control the terminal (C0/C1 controls, ESC), or are not text at all (NUL, lone surrogates).
 */

/** Characters no generated text may carry raw. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether `text` holds a character that must not appear raw in code, comments or on a terminal. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

const hex4 = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A single-quoted JavaScript/TypeScript string literal for `text`: the literal evaluates to
 * exactly `text`, and its source is one line of visible characters (no raw line terminators,
 * U+2028/2029, NUL, controls, bidi or zero-width characters; lone surrogates escaped).
 *
 * @example jsString("it's\u2028here") // → 'it\'s\u2028here' (escaped in the source)
 */
export function jsString(text: string): string {
  const body = text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(UNSAFE, (ch) => JS_NAMED[ch] ?? hex4(ch));
  return `'${body}'`;
}

const JS_NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text for the literal part of a JavaScript template literal (between the backticks): it
 * evaluates to exactly `text` (a backtick or `${` cannot end the literal or start an
 * expression) and its source is one line of visible characters, as with jsString.
 *
 * @example jsTemplateText('a`${b}') // → 'a\\`\\${b}'
 */
export function jsTemplateText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(UNSAFE, (ch) => JS_NAMED[ch] ?? hex4(ch));
}

/**
 * Text safe inside a `//` (or YAML `#`) line comment: unsafe characters become visible
 * `\uXXXX` escapes, so the comment cannot end early and nothing after it runs as code. Only
 * line terminators end a line comment, so `*\/` stays as written (a cron `*\/30` reads as it
 * does in the source); generated code puts user text in no block comment.
 *
 * @example commentText('GET /a\u2028process.exit()') // → 'GET /a\\u2028process.exit()'
 */
export function commentText(text: string): string {
  return text.replace(UNSAFE, hex4);
}

/**
 * JSON for a `//` comment line (the job metadata comment): valid JSON that `JSON.parse` reads
 * back to `value`, with every unsafe character (including U+2028/2029, which
 * `JSON.stringify` leaves raw and which end a JavaScript comment) as a `\uXXXX` escape.
 */
export function jsonForComment(value: unknown): string {
  // Inside JSON, unsafe characters can only occur within strings, where \uXXXX is valid.
  return JSON.stringify(value).replace(UNSAFE, hex4);
}

/**
 * User text for one line of terminal output (diagnostics, summaries): controls (ESC, CR,
 * BEL...), line separators, bidi and invisible characters become visible escapes, so text
 * can neither forge extra `file:line:col` lines nor drive the terminal. With `multiline`,
 * LF is kept (the caller indents continuation lines).
 */
export function terminalText(text: string, options: { multiline?: boolean } = {}): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' && options.multiline ? ch : TERMINAL_NAMED[ch] ?? hex4(ch)));
}

const TERMINAL_NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** YAML's short escapes (YAML 1.1 and 1.2 double-quoted scalars; PyYAML and js-yaml read them). */
const YAML_NAMED: Record<string, string> = {
  '\u0000': '\\0', '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\u000b': '\\v', '\f': '\\f', '\r': '\\r', '\u001b': '\\e',
  '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

/**
 * A double-quoted YAML scalar for `text` (serverless.yml, SAM templates): every YAML reader
 * reads back exactly `text`, and the scalar is one line of visible characters. Line breaks,
 * U+2028/2029 and NEL (which YAML 1.1 readers such as the SAM CLI's PyYAML take for line
 * breaks and fold into spaces), NUL and controls, bidi and zero-width characters are escapes.
 *
 * @example yamlString('GET /a\u2028b') // → "GET /a\Lb" (in double quotes)
 */
export function yamlString(text: string): string {
  const body = text.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(UNSAFE, (ch) => YAML_NAMED[ch] ?? hex4(ch));
  return `"${body}"`;
}
