/**
 * Building blocks for Markdown reports that must fit a pull-request comment: a report is a
 * header (always shown) and a list of sections, in the order shown; each section is a heading,
 * an optional preamble (a table header) and one line per item. Long sections fold into a
 * `<details>` block; when the whole report would exceed `maxSize` characters, small sections
 * stay whole and the large ones share the rest equally, dropping the items that do not fit from
 * their end (so list the most important first); each cut says how many rows it hides, and a closing
 * note says the report was truncated. Every cut keeps the Markdown well formed (tables keep
 * their header, `<details>` blocks are closed).
 *
 * @example
 * const functions: MarkdownSection = {
 *   title: 'Functions (1000)',
 *   head: ['| Function | Trigger |', '| --- | --- |'],
 *   items: rows,                        // one table row per function
 *   summary: '1000 functions',          // the <summary> when folded
 * };
 * fitMarkdownReport(['## lambdashift migrate', ''], [functions], { maxSize: 65_536 });
 * // → '## lambdashift migrate\n\n### Functions (1000)\n\n<details><summary>1000 functions</summary>\n\n| Function | …'
 */

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Sections with more items than this fold into `<details>` unless they set `foldAbove`. */
export const DEFAULT_FOLD_ABOVE = 20;

export interface MarkdownSection {
  /** Heading text (rendered as `### title`). */
  title: string;
  /** Lines before the items, repeated whenever items are shown (e.g. a table's header rows). */
  head?: string[];
  /** One line per item: a table row or a list item. */
  items: string[];
  /** A paragraph shown instead of the items when there are none; without it an empty section is left out. */
  empty?: string;
  /** Fold the items into `<details>` when there are more than this many (default {@link DEFAULT_FOLD_ABOVE}). */
  foldAbove?: number;
  /** The `<summary>` of the folded block (default: the number of items). */
  summary?: string;
}

export interface FitOptions {
  /** Largest report, in characters (UTF-16 code units, as GitHub counts); `Infinity` for no limit. */
  maxSize?: number;
  /** Appended to the truncation note, e.g. where the full report is. */
  fullReportHint?: string;
}

/** A GFM table as a section's `head` and `items`: cells are inserted as given (escape them first). */
export function markdownTable(columns: ReadonlyArray<{ title: string; align?: 'left' | 'right' }>, rows: readonly string[][]): Pick<MarkdownSection, 'head' | 'items'> {
  return {
    head: [row(columns.map((c) => c.title)), row(columns.map((c) => (c.align === 'right' ? '---:' : '---')))],
    items: rows.map(row),
  };
}

/**
 * A block that GitHub shows collapsed: GitHub renders Markdown inside `<details>` only when
 * blank lines separate it from the tags.
 */
export function details(summary: string, lines: readonly string[]): string[] {
  return [`<details><summary>${summary}</summary>`, '', ...lines, '', '</details>'];
}

/**
 * One section with its first `shown` items (all by default), folded when long, followed by a
 * line saying how many were cut. Ends with a blank line; empty for a section with nothing to show.
 */
export function renderSection(section: MarkdownSection, shown = section.items.length): string {
  const lines = [`### ${section.title}`, ''];
  const total = section.items.length;
  if (total === 0) {
    if (section.empty === undefined) return '';
    lines.push(section.empty, '');
    return lines.join('\n') + '\n';
  }
  const body = shown > 0 ? [...(section.head ?? []), ...section.items.slice(0, shown)] : [];
  const cut = total - shown;
  if (cut > 0) {
    if (body.length > 0) body.push('');
    body.push(`_${cut === total ? 'All' : `${cut} more`} ${cut === 1 ? 'row' : 'rows'} of ${total} left out to fit the size limit._`);
  }
  if (shown > (section.foldAbove ?? DEFAULT_FOLD_ABOVE)) lines.push(...details(section.summary ?? `${total} items`, body));
  else lines.push(...body);
  lines.push('');
  return lines.join('\n') + '\n';
}

/**
 * The header followed by every section, within `maxSize` characters (see the module comment
 * for how the space is shared). Deterministic: the same input gives the same text.
 */
export function fitMarkdownReport(header: readonly string[], sections: readonly MarkdownSection[], options: FitOptions = {}): string {
  const maxSize = options.maxSize ?? Infinity;
  const head = header.join('\n') + '\n';
  const full = sections.map((section) => renderSection(section));
  // One newline at the end, not the blank line that separates sections.
  const fullText = (head + full.join('')).replace(/\n+$/, '\n');
  if (fullText.length <= maxSize) return fullText;

  const totalItems = sections.reduce((n, s) => n + s.items.length, 0);
  const note = truncationNote(totalItems, maxSize, options.fullReportHint);
  // The note states the number of rows left out, which is not known yet: reserve its longest form.
  let budget = maxSize - head.length - note(totalItems).length;
  // Share the space fairly: sections smaller than an equal share are shown whole, the others
  // split what remains equally (a long file list does not push the functions out, nor the reverse).
  const texts: string[] = new Array<string>(sections.length).fill('');
  const bySize = sections.map((_, i) => i).sort((a, b) => full[a].length - full[b].length || a - b);
  let omitted = 0;
  for (const [k, i] of bySize.entries()) {
    const share = Math.floor(budget / (bySize.length - k));
    if (full[i].length <= share) {
      texts[i] = full[i];
    } else {
      const shown = mostItemsWithin(sections[i], share);
      texts[i] = shown === undefined ? '' : renderSection(sections[i], shown);
      omitted += sections[i].items.length - (shown ?? 0);
    }
    budget -= texts[i].length;
  }
  const text = head + texts.join('') + note(omitted);
  // Too small a limit for even the header and the note: cut hard rather than exceed it.
  return text.length <= maxSize ? text : text.slice(0, Math.max(0, maxSize));
}

/** The largest number of items whose rendering fits `budget`, or undefined when not even the heading does. */
function mostItemsWithin(section: MarkdownSection, budget: number): number | undefined {
  if (renderSection(section, 0).length > budget) return undefined;
  let lo = 0;
  let hi = section.items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (renderSection(section, mid).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function truncationNote(totalItems: number, maxSize: number, hint: string | undefined): (omitted: number) => string {
  const limit = Number.isFinite(maxSize) ? maxSize.toLocaleString('en-US') : String(maxSize);
  return (omitted) =>
    `> **Report truncated** to ${limit} characters (\`--max-size\`): ${omitted} of ${totalItems} rows left out.` +
    (hint ? ` ${hint}` : '') +
    '\n';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
