'use strict';

/** An error with an HTTP status and a machine-readable code; see the error middleware in app.js. */
class HttpError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

module.exports = { HttpError };
