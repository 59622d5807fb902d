const links = new Map([
  ['docs', { id: 'docs', url: 'https://example.com/docs', hits: 0, locked: false }],
  ['home', { id: 'home', url: 'https://example.com/', hits: 3, locked: true }],
]);

module.exports = {
  all: () => [...links.values()],
  get: (id) => links.get(id),
  add: (link) => {
    links.set(link.id, link);
    return link;
  },
};
