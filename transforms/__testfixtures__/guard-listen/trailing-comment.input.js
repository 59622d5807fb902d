const express = require('express');

const app = express();
app.listen(3000); // serve locally
// Exported for the generated Lambda module.
module.exports = app;
