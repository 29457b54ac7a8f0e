// Summarises V8 .cpuprofile files (node --cpu-prof): top self and inclusive time by function,
// and self time by bucket (package, our source folder, the workflow bundle's modules, GC).
//   node tools/cpuprofile-summary.mjs <file.cpuprofile> [--from <µs>] [--to <µs>] [--bundle dist/workflow-bundle.js] [--top 25]
// --from/--to: a window on the profile's clock (CLOCK_MONOTONIC in µs, the same as process.hrtime()), e.g. a load step's.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, bundle: { type: 'string' }, top: { type: 'string', default: '25' }, json: { type: 'boolean', default: false } } });
const top = Number(values.top);

/** The bundle's modules by first line (webpack development output: `/***\/ "./path"` opens each module). */
function bundleModules(file) {
  if (!file) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const starts = [];
  lines.forEach((l, i) => {
    const m = /^\/\*\*\*\/ "([^"]+)"$/.exec(l);
    if (m) starts.push([i, m[1]]);
  });
  return (line) => {
    let lo = 0, hi = starts.length - 1, found = '(bundle runtime)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) { found = starts[mid][1]; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
}

function bucketOf(frame, moduleAt) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native/builtin)';
  if (/workflow-bundle/.test(url) && moduleAt) {
    const mod = moduleAt(frame.lineNumber);
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(mod);
    return nm ? `bundle:${nm[1]}` : `bundle:${mod.replace(/^\.\/(dist\/)?/, '').split('/').slice(0, 2).join('/')}`;
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours = /\/dist\/(.*)$/.exec(url);
  if (ours) return ours[1].split('/').slice(0, 2).join('/');
  return url;
}

for (const file of positionals) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const moduleAt = bundleModules(values.bundle);
  const from = values.from ? Number(values.from) : -Infinity;
  const to = values.to ? Number(values.to) : Infinity;
  // Each sample stands for the time until the next one.
  let t = p.startTime;
  const self = new Map(), incl = new Map(), buckets = new Map();
  let total = 0, idle = 0;
  const key = (f) => `${f.functionName || '(anonymous)'} ${f.url ? f.url.replace(/^.*\/(node_modules|dist)\//, '$1/') : ''}:${f.lineNumber + 1}`;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = (i + 1 < p.timeDeltas.length ? p.timeDeltas[i + 1] : 0) / 1000; // ms
    if (t < from || t > to || dt <= 0) continue;
    const node = byId.get(p.samples[i]);
    const f = node.callFrame;
    if (f.functionName === '(idle)') { idle += dt; continue; }
    total += dt;
    self.set(key(f), (self.get(key(f)) ?? 0) + dt);
    const b = bucketOf(f, moduleAt);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id).callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  console.log(`== ${file}\nbusy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms in the window`);
  console.log(`-- self time by bucket\n${fmt(buckets)}`);
  console.log(`-- self time by function\n${fmt(self)}`);
  console.log(`-- inclusive time by function\n${fmt(incl)}`);
}
