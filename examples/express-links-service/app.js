const express = require('express');
const links = require('./routes/links');

const app = express();
app.set('x-powered-by', false);

app.use('/links', links);

// Reports as emails would be sent: the path starts with the method's own word.
app.get('/get-report-email', (req, res) => {
  res.json({ to: req.query.to ?? 'ops@example.com', subject: 'weekly report' });
});

// Everything under /docs is served by one handler.
app.get('/docs/*page', (req, res) => {
  res.type('text').send(`docs page ${req.params.page.join('/')}`);
});

app.use((err, req, res, next) => {
  res.status(err.status ?? 500).json({ error: err.message });
});

module.exports = app;
