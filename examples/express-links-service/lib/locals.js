// Route guards. Property names are reserved words in strict mode, which is fine for properties.
exports.protected = function (req, res, next) {
  if (req.get('x-api-key') === 'secret') return next();
  res.status(401).json({ error: 'an API key is required' });
};

exports.public = function (req, res, next) {
  res.set('x-visibility', 'public');
  next();
};
