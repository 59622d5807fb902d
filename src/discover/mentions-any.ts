/**
 * Cheap text pre-filter run before parsing: true when `source` contains at least one of
 * `words` as a plain substring. A match may be a false positive (a word in a comment), never a
 * false negative, which is what a pre-filter needs: files that return false can be skipped
 * without parsing. Case-sensitive unless `ignoreCase` is set.
 */
export function mentionsAny(source: string, words: readonly string[], options: { ignoreCase?: boolean } = {}): boolean {
  if (!options.ignoreCase) return words.some((word) => source.includes(word));
  if (words.length === 0) return false;
  // One case-insensitive regex scans the text once instead of lower-casing a copy of it.
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'i');
  return pattern.test(source);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
