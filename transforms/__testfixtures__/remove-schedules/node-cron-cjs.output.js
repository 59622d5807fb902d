'use strict';
const { sendDigest, purge } = require('./jobs');

// lambdashift: this job now runs on an EventBridge schedule.

// lambdashift: this job now runs on an EventBridge schedule.
// lambdashift: this job now runs on an EventBridge schedule.

module.exports = { sendDigest, purge };
