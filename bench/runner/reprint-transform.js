// The benchmark transform: parse every file and print it back, as the issue specifies.
module.exports = function reprint(file, api) {
  return api.jscodeshift(file.source).toSource();
};
