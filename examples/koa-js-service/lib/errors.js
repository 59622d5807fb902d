'use strict';

const CODES = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  422: 'validation_failed',
};

/**
 * The response for an error that reached the error middleware:
 * `{ error: { status, code, message, details? } }`. Only client errors say what went
 * wrong; anything else is a 500 with a fixed message.
 */
function shapeError(err) {
  const status = err && Number.isInteger(err.status) && err.status >= 400 && err.status < 600 ? err.status : 500;
  let message = status < 500 && err.expose !== false ? err.message : 'something went wrong';
  // co-body (under koa-bodyparser) reports JSON syntax errors with the parser's own words.
  if (status === 400 && typeof err.body === 'string') message = 'request body is not valid JSON';
  const error = { status, code: CODES[status] || (status >= 500 ? 'internal_error' : 'error'), message };
  if (err && err.details) error.details = err.details;
  return { status, headers: (err && err.headers) || {}, body: { error } };
}

module.exports = { shapeError };
