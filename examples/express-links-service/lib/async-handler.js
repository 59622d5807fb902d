// Forwards a rejected promise to Express's error handling (the express-async-handler idiom).
module.exports = function asyncHandler(fn) {
  return function (req, res, next) {
    Promise.resolve(fn(req, res, next)).catch(next);
  };
};
