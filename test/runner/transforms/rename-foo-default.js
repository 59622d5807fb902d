// CommonJS transform exported as module.exports.default (as Babel/TypeScript emit it).
Object.defineProperty(exports, '__esModule', { value: true });
exports.default = function renameFoo(file, api) {
  const j = api.jscodeshift;
  return j(file.source)
    .find(j.Identifier, { name: 'foo' })
    .forEach((p) => {
      p.node.name = 'bar';
    })
    .toSource();
};
