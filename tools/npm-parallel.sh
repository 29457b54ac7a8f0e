#!/bin/sh
# Runs npm scripts side by side and fails if any of them failed. `npm test` runs lint, typecheck
# and build this way: each is mostly one thread, and none needs another's output.
# Each script's output is printed whole when all have ended, so they never interleave.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for script in "$@"; do
  (npm run -s "$script" >"$dir/$script.out" 2>&1; echo $? >"$dir/$script.rc") &
done
wait
status=0
for script in "$@"; do
  cat "$dir/$script.out"
  rc=$(cat "$dir/$script.rc")
  if [ "$rc" != 0 ]; then
    echo "npm run $script failed (exit $rc)" >&2
    status=1
  fi
done
exit $status
