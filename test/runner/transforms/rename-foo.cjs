// CommonJS transform assigned to module.exports.
module.exports = function renameFoo(file, api) {
  const j = api.jscodeshift;
  return j(file.source)
    .find(j.Identifier, { name: 'foo' })
    .forEach((p) => {
      p.node.name = 'bar';
    })
    .toSource();
};
