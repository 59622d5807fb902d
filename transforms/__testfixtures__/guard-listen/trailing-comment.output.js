const express = require('express');

const app = express();
if (require.main === module) {
  app.listen(3000); // serve locally
}
// Exported for the generated Lambda module.
module.exports = app;
