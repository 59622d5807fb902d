import express from 'express';

export const app = express();

export const showOrder: express.RequestHandler = (req, res) => {
	if (!req.params.id) {
		res.sendStatus(404);
		return;
	}
	res.json({ id: req.params.id, note: `line one
			line two` });
};
app.get(
	'/orders/:id',
	showOrder,
);
