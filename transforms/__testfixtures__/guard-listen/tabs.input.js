const http = require('node:http');
const express = require('express');

const app = express();
app.get('/', (req, res) => {
	res.send('home');
});

http
	.createServer(app)
	.listen(3000, () => {
		console.log('listening');
	});

module.exports = app;
