import express from 'express';

export const app = express();

app.get(
	'/orders/:id',
	(req, res) => {
		if (!req.params.id) {
			res.sendStatus(404);
			return;
		}
		res.json({ id: req.params.id, note: `line one
			line two` });
	},
);
