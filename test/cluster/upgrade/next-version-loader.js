// A webpack loader that turns this checkout's nominationReview into "the next
// version" for the rolling-upgrade test: new executions record a memo, behind
// patched(), so executions started on the old code replay unchanged.
const IMPORT = '  patched,\n';
const ANCHOR = '  const writes = patched(LOCAL_WRITES_PATCH) ? local : activities;\n';

module.exports = function nextVersion(source) {
  if (!source.includes(IMPORT) || !source.includes(ANCHOR)) {
    throw new Error('next-version-loader: nominationReview no longer has the lines this test changes; update the loader');
  }
  return source
    .replace(IMPORT, `${IMPORT}  upsertMemo,\n`)
    .replace(ANCHOR, `${ANCHOR}  if (patched('pennant-upgrade-probe')) upsertMemo({ codeVersion: 2 });\n`);
};
