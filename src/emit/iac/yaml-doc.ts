/**
 * Editing YAML files in place with `yaml`'s Document API: comments, key order, quoting and
 * unknown tags (CloudFormation's `!Ref`, `!Sub`, ...) survive, and a file whose content does
 * not need to change is returned byte for byte.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, visit, type DocumentOptions, type Node, type Pair, type SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';
import { hasUnsafeCharacters, yamlString } from '../../safety/escape';

/**
 * Strings (values and keys: route paths, names, descriptions) with a character a YAML reader
 * could fold or a reviewer could not see are written by {@link yamlString}; `yaml` would
 * leave U+2028/2029, NEL and bidi controls raw inside quotes, and YAML 1.1 readers (the SAM
 * CLI's PyYAML) fold those into spaces. Everything else keeps `yaml`'s own style.
 */
const YAML_OPTIONS: DocumentOptions & SchemaOptions = {
  customTags: (tags) =>
    tags.map((tag) =>
      typeof tag === 'object' && tag.tag === 'tag:yaml.org,2002:str' && tag.default === true && 'stringify' in tag && tag.stringify
        ? {
            ...tag,
            stringify: (item, ctx, onComment, onChompKeep) =>
              typeof item.value === 'string' && hasUnsafeCharacters(item.value.replace(/[\n\t]/g, ''))
                ? yamlString(item.value)
                : tag.stringify!(item, ctx, onComment, onChompKeep),
          }
        : tag,
    ),
};

/**
 * Plain strings that YAML 1.1 readers (PyYAML in the SAM CLI, js-yaml in the Serverless
 * Framework) would take for a date, boolean, number or null.
 */
const AMBIGUOUS = /^(?:\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?)$/;

/** Double-quotes every new string scalar that a YAML 1.1 reader would not read as a string. */
function quoteAmbiguous(node: Node): Node {
  const mark = (n: Scalar): void => {
    if (typeof n.value === 'string' && AMBIGUOUS.test(n.value)) n.type = Scalar.QUOTE_DOUBLE;
  };
  if (isScalar(node)) mark(node);
  else visit(node, { Scalar: (_key, n) => mark(n) });
  return node;
}

/** A YAML file being edited; `changed` is set by every edit that changes content. */
export class YamlFile {
  readonly doc: Document;
  changed = false;
  /** Comments starting with this text are the tool's own (see {@link ownsComment}). */
  ownedCommentPrefix: string | null = null;
  private readonly original: string | null;
  private readonly indentSeq: boolean;
  /**
   * Per map, each key's first pair, valid while the map has the item count it was built at
   * (edits elsewhere push or splice, changing it). Without it, filling a map of n functions
   * looks keys up O(n²) times.
   */
  private readonly keyIndex = new WeakMap<YAMLMap, { size: number; pairs: Map<string, Pair<unknown, unknown>> }>();

  private constructor(doc: Document, original: string | null, indentSeq: boolean) {
    this.doc = doc;
    this.original = original;
    this.indentSeq = indentSeq;
  }

  /** Parses `text`, or starts an empty mapping when `text` is null. Throws on syntax errors. */
  static open(text: string | null): YamlFile {
    if (text === null) return new YamlFile(new Document({}, YAML_OPTIONS), null, true);
    const doc = parseDocument(text, { keepSourceTokens: false, ...YAML_OPTIONS });
    if (doc.errors.length) throw doc.errors[0]!;
    if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
    if (!isMap(doc.contents)) throw new Error('the top level is not a mapping');
    return new YamlFile(doc, text, detectIndentSeq(text));
  }

  get root(): YAMLMap {
    return this.doc.contents as unknown as YAMLMap;
  }

  /** The map under `key` in `parent`, created (appended) when missing; null when it is not a map. */
  map(parent: YAMLMap, key: string): YAMLMap | null {
    const existing = parent.get(key, true) as Node | undefined;
    if (existing === undefined || (isScalar(existing) && existing.value === null)) {
      const created = new YAMLMap();
      this.setNode(parent, key, created);
      return created;
    }
    return isMap(existing) ? existing : null;
  }

  /** The pair holding `key` in `map`. */
  pair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
    let index = this.keyIndex.get(map);
    if (index === undefined || index.size !== map.items.length) {
      const pairs = new Map<string, Pair<unknown, unknown>>();
      for (const p of map.items) {
        const k = keyText(p);
        if (!pairs.has(k)) pairs.set(k, p);
      }
      index = { size: map.items.length, pairs };
      this.keyIndex.set(map, index);
    }
    return index.pairs.get(key);
  }

  /** Sets `map[key]` to `value` unless it already holds an equal value; returns whether it changed. */
  set(map: YAMLMap, key: string, value: unknown, comment?: string): boolean {
    const pair = this.pair(map, key);
    const current = pair && (isMapLike(pair.value) ? (pair.value as Node).toJSON() : isScalar(pair.value) ? pair.value.value : pair.value);
    let changed = false;
    if (!pair || !isDeepStrictEqual(current, value)) {
      this.setNode(map, key, quoteAmbiguous(this.doc.createNode(value) as Node));
      changed = true;
    }
    if (comment !== undefined) changed = this.comment(map, key, comment) || changed;
    return changed;
  }

  /** Sets `map[key]` only when the key is absent. */
  setDefault(map: YAMLMap, key: string, value: unknown): boolean {
    if (this.pair(map, key)) return false;
    return this.set(map, key, value);
  }

  /** Puts a comment line above `key` (replacing the one there). */
  comment(map: YAMLMap, key: string, text: string): boolean {
    const pair = this.pair(map, key);
    if (!pair || !isScalar(pair.key)) return false;
    const wanted = ` ${text}`;
    // The parser hangs a comment above a map's first key on the map itself.
    const first = map.items[0] === pair;
    if (pair.key.commentBefore === wanted || (first && pair.key.commentBefore === undefined && map.commentBefore === wanted)) return false;
    if (first && this.ownsComment(map.commentBefore)) map.commentBefore = undefined;
    pair.key.commentBefore = wanted;
    this.changed = true;
    return true;
  }

  /**
   * Removes `key`. A comment above it that `ownsComment` recognises goes with it; any other
   * comment moves to the next key instead of being lost.
   */
  delete(map: YAMLMap, key: string): boolean {
    const index = map.items.findIndex((p) => keyText(p) === key);
    if (index === -1) return false;
    const [removed] = map.items.splice(index, 1);
    let orphan = isScalar(removed!.key) ? removed!.key.commentBefore : undefined;
    if (index === 0 && orphan === undefined) {
      orphan = map.commentBefore ?? undefined;
      map.commentBefore = undefined;
    }
    const next = map.items[index];
    if (orphan !== undefined && !this.ownsComment(orphan)) {
      if (next && isScalar(next.key)) next.key.commentBefore = next.key.commentBefore ? `${orphan}\n${next.key.commentBefore}` : orphan;
      else map.comment = map.comment ? `${map.comment}\n${orphan}` : orphan;
    }
    this.changed = true;
    return true;
  }

  /** Whether a comment is one this tool writes (and may replace or drop). */
  ownsComment(comment: string | null | undefined): boolean {
    return typeof comment === 'string' && this.ownedCommentPrefix !== null && comment.trimStart().startsWith(this.ownedCommentPrefix);
  }

  /** Appends `item` to a sequence unless an equal item is there. */
  addToSeq(seq: YAMLSeq, item: unknown): boolean {
    if (seq.items.some((n) => isDeepStrictEqual(isScalar(n) ? n.value : (n as Node).toJSON(), item))) return false;
    seq.items.push(quoteAmbiguous(this.doc.createNode(item) as Node));
    this.changed = true;
    return true;
  }

  /** The file's new text: the original bytes when nothing changed. */
  toString(): string {
    if (!this.changed && this.original !== null) return this.original;
    return this.doc.toString({ lineWidth: 0, indentSeq: this.indentSeq, flowCollectionPadding: false });
  }

  private setNode(map: YAMLMap, key: string, node: Node): void {
    const pair = this.pair(map, key);
    if (pair) pair.value = node;
    else {
      const added = this.doc.createPair(key, node);
      map.items.push(added);
      const index = this.keyIndex.get(map);
      if (index !== undefined && index.size === map.items.length - 1) {
        index.pairs.set(key, added);
        index.size++;
      }
    }
    this.changed = true;
  }
}

export function keyText(pair: Pair<unknown, unknown>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function isMapLike(node: unknown): boolean {
  return isMap(node) || isSeq(node);
}

/**
 * Whether block sequences are indented under their parent key (`key:\n  - a`) rather than
 * flush with it (`key:\n- a`); the first sequence in the file decides, default indented.
 */
export function detectIndentSeq(text: string): boolean {
  const m = /^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( *)- /m.exec(text);
  return m ? m[2]!.length > m[1]!.length : true;
}

export { isMap, isScalar, isSeq, YAMLMap, YAMLSeq };
