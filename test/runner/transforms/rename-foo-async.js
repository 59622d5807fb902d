// Asynchronous transform: resolves to the new source after a tick.
module.exports = async function renameFoo(file, api) {
  await new Promise((resolve) => setImmediate(resolve));
  const j = api.jscodeshift;
  return j(file.source)
    .find(j.Identifier, { name: 'foo' })
    .forEach((p) => {
      p.node.name = 'bar';
    })
    .toSource();
};
