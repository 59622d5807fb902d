const http = require('node:http');
const express = require('express');

const app = express();
app.get('/', (req, res) => {
	res.send('home');
});

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
	http
		.createServer(app)
		.listen(3000, () => {
			console.log('listening');
		});
}

module.exports = app;
