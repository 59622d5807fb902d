// Uses api.report and api.stats; changes nothing.
module.exports = function reportAndStats(file, api) {
  api.stats('files');
  api.stats('chars', file.source.length);
  api.report(`saw ${file.path.split('/').pop()}`);
  return undefined;
};
