const store = require('../lib/store');

exports.listLinks = async (req, res) => {
  res.json(store.all());
};

exports.createLink = async (req, res) => {
  const { id, url } = req.body ?? {};
  if (!id || !url) {
    const err = new Error('id and url are required');
    err.status = 422;
    throw err;
  }
  res.status(201).json(store.add({ id, url, hits: 0, locked: false }));
};

exports.lockLink = async (req, res) => {
  const link = store.get(req.params.id);
  if (!link) return res.status(404).json({ error: 'no such link' });
  link.locked = true;
  res.json(link);
};
