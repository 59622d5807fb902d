// Exports no function: loading it must fail with a usage error.
module.exports = { transform: 'nope' };
