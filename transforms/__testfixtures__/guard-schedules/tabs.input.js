const cron = require('node-cron');
const schedule = require('node-schedule');
const { sendDigest } = require('./jobs');

function banner(name) {
	return `job ${name}:
		starting`;
}

cron.schedule('*/5 * * * *', async () => {
	const text = banner('digest');
	if (text) {
		await sendDigest(`
			${text}`);
	}
});
schedule.scheduleJob('0 18 * * *', () => sendDigest('evening')); // evening

module.exports = { banner };
