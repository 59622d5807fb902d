// Exports `parser = 'ts'`, so even .js files are parsed as TypeScript; appends the parser seen in options.
module.exports = function markParser(file, api, options) {
  const j = api.jscodeshift;
  return j(file.source).toSource() + `// parsed with ${options.parser}\n`;
};
module.exports.parser = 'ts';
