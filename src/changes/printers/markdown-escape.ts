/**
 * Escaping for GitHub-flavoured Markdown. Messages and paths come from user code, so
 * anything that Markdown (or GitHub) would interpret must be neutralised.
 */

/**
 * Plain text: backslash-escapes the characters that start inline formatting, links, HTML,
 * entities, table cells or GitHub mentions, and folds line breaks into spaces so that one
 * value stays on one list item or table row.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_[\]<>|~&@]/g, (ch) => '\\' + ch);
}

/**
 * A code span that shows `text` verbatim: the fence is one backtick longer than the longest
 * run of backticks inside, with padding when the text starts or ends with a backtick or a
 * space (which CommonMark would otherwise eat). Inside a table, `|` must still be escaped:
 * GFM splits cells before it parses code spans.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  if (text === '') return '';
  let content = text.replace(/\r?\n|\r/g, ' ');
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return fence + pad + content + pad + fence;
}

/**
 * A message that quotes code between backticks (`` node-cron job `0 3 * * *` ``): each quoted
 * part becomes a code span showing it verbatim, the rest is escaped text. A backtick without a
 * partner is escaped like any other character.
 */
export function escapeMarkdownMessage(text: string, options: { inTable?: boolean } = {}): string {
  const out: string[] = [];
  const quoted = /`([^`\r\n]+)`/g;
  let last = 0;
  for (let match = quoted.exec(text); match !== null; match = quoted.exec(text)) {
    out.push(escapeMarkdownText(text.slice(last, match.index)), codeSpan(match[1], options));
    last = match.index + match[0].length;
  }
  out.push(escapeMarkdownText(text.slice(last)));
  return out.join('');
}
