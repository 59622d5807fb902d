// Replaces `foo` with options.to (a --transform-option), textually.
module.exports = function withOptions(file, api, options) {
  return file.source.split('foo').join(String(options.to));
};
