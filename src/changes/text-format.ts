/**
 * Keeps a rewritten file in its original text format: line endings and byte order mark.
 *
 * Transforms and generators usually produce LF text without a BOM. Applying that to a CRLF
 * file would turn every line into a change, so the ChangeSet matches the new text to the
 * original before anything reads it; printers and the writer then see the same bytes.
 */

const BOM = '\uFEFF';

export type LineEnding = 'lf' | 'crlf' | 'mixed' | 'none';

/** Which line endings `text` uses: all LF, all CRLF, a mix, or none (a single line). */
export function lineEndingOf(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  return lf === 0 ? 'crlf' : 'mixed';
}

/**
 * Returns `updated` in the text format of `original`: when every line of the original ends
 * in CRLF, bare LFs become CRLF; when the original starts with a BOM, so does the result.
 * Files with mixed endings are left as they are, because converting them would also rewrite
 * lines the transform never touched.
 */
export function matchTextFormat(original: string, updated: string): string {
  let result = updated;
  if (lineEndingOf(original) === 'crlf') result = result.replace(/\r?\n/g, '\r\n');
  if (original.startsWith(BOM) && !result.startsWith(BOM)) result = BOM + result;
  return result;
}
