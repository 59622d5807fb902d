/**
 * Property tests of the per-context escaping helpers: random Unicode (with the characters that
 * have broken generated code before over-represented) through each helper, checked by the
 * consumer that matters: the JavaScript engine, JSON.parse, a line-oriented reader.
 */
import * as vm from 'node:vm';
import fc from 'fast-check';
import YAML from 'yaml';
import { commentText, hasUnsafeCharacters, jsonForComment, jsString, jsTemplateText, terminalText, yamlString } from '../../src/safety/escape';
import { YamlFile } from '../../src/emit/iac/yaml-doc';

const HOSTILE = ['\u2028', '\u2029', '\u0000', '\n', '\r', '\r\n', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff', '\u001b[2J', '*/', '/*', '\\', "'", '"', '`', '${', '\ud800', '\udc00', '\u0007'];

/** Random full-range strings (lone surrogates included) interleaved with hostile fragments. */
const hostileText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...HOSTILE), fc.constant('process.exit(7)')), { maxLength: 12 })
  .map((parts) => parts.join(''));

const RUNS = { numRuns: 300, seed: 14 };

/** One context for every run (creating one per run is the slow part); `process` is not in it. */
const context = vm.createContext(Object.create(null) as object);
/** Runs `code` as a script; throws on a syntax error. */
const run = (code: string): unknown => new vm.Script(code).runInContext(context, { timeout: 1000 });

const LINE_BREAKS = /[\n\r\u2028\u2029\u0085]/;

describe('jsString', () => {
  test('evaluates back to the input, on one line of visible characters', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const literal = jsString(text);
        expect(hasUnsafeCharacters(literal)).toBe(false);
        expect(LINE_BREAKS.test(literal)).toBe(false);
        expect(run(`(${literal})`)).toBe(text);
      }),
      RUNS,
    );
  });

  test('known cases', () => {
    expect(jsString("it's")).toBe("'it\\'s'");
    expect(jsString('a\u2028b')).toBe("'a\\u2028b'");
    expect(jsString('\u0000')).toBe("'\\u0000'");
    expect(jsString('naïve')).toBe("'naïve'");
  });
});

describe('jsTemplateText', () => {
  test('evaluates back to the input inside a template literal, on one line, with no expression', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const body = jsTemplateText(text);
        expect(hasUnsafeCharacters(body)).toBe(false);
        expect(LINE_BREAKS.test(body)).toBe(false);
        expect(run(`\`${body}\``)).toBe(text);
      }),
      RUNS,
    );
  });

  test('known cases', () => {
    expect(jsTemplateText('a`${b}')).toBe('a\\`\\${b}');
    expect(jsTemplateText('arn:aws:s3:::bucket/*')).toBe('arn:aws:s3:::bucket/*');
  });
});

describe('commentText', () => {
  test('a line comment never ends early: the code after it is all that runs', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const safe = commentText(text);
        expect(hasUnsafeCharacters(safe)).toBe(false);
        expect(run(`// ${safe}\n'after'`)).toBe('after');
      }),
      RUNS,
    );
  });

  test('keeps ordinary text as it is', () => {
    expect(commentText('GET /users/:id, POST /ünïcode')).toBe('GET /users/:id, POST /ünïcode');
    expect(commentText('a\u2028b */30')).toBe('a\\u2028b */30');
  });
});

describe('jsonForComment', () => {
  test('JSON.parse reads the value back, and the comment line holds', () => {
    fc.assert(
      fc.property(fc.record({ name: hostileText, schedule: hostileText, list: fc.array(hostileText, { maxLength: 3 }) }), (value) => {
        const json = jsonForComment(value);
        expect(hasUnsafeCharacters(json)).toBe(false);
        // Lone surrogates do not survive JSON in any form; everything else must.
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(run(`// lambdashift-job: ${json}\n1`)).toBe(1);
      }),
      RUNS,
    );
  });
});

describe('terminalText', () => {
  test('one line of visible characters; with multiline only LF survives', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const line = terminalText(text);
        expect(hasUnsafeCharacters(line)).toBe(false);
        const multi = terminalText(text, { multiline: true });
        expect(hasUnsafeCharacters(multi.replace(/\n/g, ''))).toBe(false);
        expect(multi.split('\n')).toHaveLength(text.split('\n').length);
      }),
      RUNS,
    );
  });

  test('a forged diagnostic line stays on the line it came from', () => {
    expect(terminalText('/a\u2028src/x.ts:1:1: error: forged')).toBe('/a\\u2028src/x.ts:1:1: error: forged');
    expect(terminalText('\u001b[31mred\r')).toBe('\\e[31mred\\r');
  });
});

describe('yamlString', () => {
  test('YAML 1.2 and 1.1 readers read back the input, from one line of visible characters', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const scalar = yamlString(text);
        expect(hasUnsafeCharacters(scalar)).toBe(false);
        expect(LINE_BREAKS.test(scalar)).toBe(false);
        for (const version of ['1.2', '1.1'] as const) {
          expect(YAML.parse(`key: ${scalar}\n`, { version })).toEqual({ key: text });
          expect(YAML.parse(`${scalar}: 1\n`, { version })).toEqual({ [text]: 1 });
        }
      }),
      RUNS,
    );
  });

  test('known cases', () => {
    expect(yamlString('GET /a\u2028b')).toBe('"GET /a\\Lb"');
    expect(yamlString('say "hi"\\\u0000')).toBe('"say \\"hi\\"\\\\\\0"');
    expect(yamlString('\u202eevil')).toBe('"\\u202eevil"');
  });
});

describe('serverless.yml / SAM editing (YamlFile) writes hostile strings with yamlString', () => {
  test('values and keys round-trip and every output line is visible text', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (key, value) => {
        const file = YamlFile.open('service: demo\n# kept\nfunctions: {}\n');
        const functions = file.map(file.root, 'functions')!;
        file.set(functions, 'getUsers', { description: value, events: [{ httpApi: { path: `/users/${value}` } }] });
        file.set(file.root, key, value);
        const out = file.toString();
        const back = YAML.parse(out, { version: '1.1' }) as Record<string, unknown>;
        expect(back.functions).toEqual({ getUsers: { description: value, events: [{ httpApi: { path: `/users/${value}` } }] } });
        expect(back[key]).toBe(value);
        // Raw line feeds only where YAML itself breaks lines (multi-line strings); nothing else unsafe.
        expect(hasUnsafeCharacters(out.replace(/[\n\t]/g, ''))).toBe(false);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});
