/** File discovery: which source files a run touches, and with which parser. */
export { discoverFiles, DiscoveryError, DEFAULT_EXCLUDED_DIRECTORIES } from './discover-files';
export type { DiscoveredFile, DiscoverOptions } from './discover-files';
export { parserFor, hasSourceExtension, isDeclarationFile, SOURCE_EXTENSIONS } from './source-extensions';
export type { DefaultParser } from './source-extensions';
export { mentionsAny } from './mentions-any';
