// Starts the longest test files first, from durations committed in durations.json (seconds of one full run).
// Jest orders by the durations in its cache, and without a cache (a fresh CI machine) by file size: a long
// file that is small may then start last and run alone while the other worker idles. Files the list does not
// know (new ones) start first, in Jest's own order, so that none of them becomes that tail either.
// Refresh the list after a full run when files were added or grew: only the order it gives matters.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const durations = require('./durations.json');

const ROOT = path.resolve(__dirname, '../..');
const known = (test) => durations[path.relative(ROOT, test.path).split(path.sep).join('/')];

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const unknown = super.sort(tests.filter((t) => known(t) === undefined));
    const listed = tests.filter((t) => known(t) !== undefined).sort((a, b) => known(b) - known(a) || (a.path < b.path ? -1 : 1));
    return [...unknown, ...listed];
  }
}

module.exports = LongestFirstSequencer;
