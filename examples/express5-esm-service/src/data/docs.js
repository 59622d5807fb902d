/** Documentation pages served under /files, keyed by path. */
export const DOCS = new Map([
  ['README.md', '# Inventory API\n\nSee guides/getting-started.md.\n'],
  ['guides/getting-started.md', '# Getting started\n\nSend your key in the X-Api-Key header.\n'],
  ['guides/api/errors.md', '# Errors\n\nErrors are JSON: {"error": "..."}.\n'],
  ['changelog.txt', '2.1.0  optional year on /reports\n2.0.0  moved to Express 5\n'],
]);

const TYPES = { md: 'text/markdown', txt: 'text/plain' };

export function contentTypeFor(path) {
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return TYPES[ext] ?? 'application/octet-stream';
}
