// Kills its thread on files that contain CRASH, to exercise the worker pool's crash handling.
module.exports = function exitsOnCrashMarker(file) {
  if (file.source.includes('CRASH')) process.exit(7);
  return file.source.replace('foo', 'bar');
};
