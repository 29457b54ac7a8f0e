// Offline checks of deploy/: the Kubernetes manifests against Kubernetes' own OpenAPI schemas (strict: an unknown
// field is an error), the compose file against the Compose Specification's JSON schema, the Temporal Helm values
// against the chart's keys, and the references between them (ConfigMaps, Secrets, labels, ports, settings).
// The schemas come from Go modules in Go's module cache (`go mod download`: once per machine, then offline).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { parseAllDocuments } from 'yaml';

/** Kubernetes' OpenAPI v3 documents (api/openapi-spec/v3) of this release. */
export const KUBERNETES_MODULE = 'k8s.io/kubernetes@v1.37.2';
/** The Compose Specification's schema (schema/compose-spec.json), as Docker Compose v2 loads it. */
export const COMPOSE_MODULE = 'github.com/compose-spec/compose-go/v2@v2.16.2';
/** The Temporal server of deploy/compose and deploy/temporal: its env-only config template and dynamic config keys. */
export const TEMPORAL_MODULE = 'go.temporal.io/server@v1.31.2';

/**
 * Settings documented in deploy/ before libs/config reads them (none today): once config.ts has one, delete it here.
 */
export const PENDING_SETTINGS: string[] = [];
/** Read by Node or the tools rather than by libs/config. */
const OTHER_SETTINGS = ['NODE_OPTIONS', 'DATABASE_OWNER_URL'];

export type Problems = string[];

// ---------------------------------------------------------------- the Go module cache

const moduleDirs = new Map<string, string>();

/** The module's folder in Go's module cache, downloading it through the module proxy the first time. */
export function goModuleDir(moduleAtVersion: string): string {
  const known = moduleDirs.get(moduleAtVersion);
  if (known) return known;
  let out: string;
  try {
    out = execFileSync('go', ['mod', 'download', '-json', moduleAtVersion], { cwd: os.tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`go mod download ${moduleAtVersion} failed (Go is needed once, to fetch the schemas): ${e.stdout || e.stderr || e.message}`, { cause: err });
  }
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (info.Error || !info.Dir) throw new Error(`go mod download ${moduleAtVersion}: ${info.Error ?? 'no Dir'}`);
  moduleDirs.set(moduleAtVersion, info.Dir);
  return info.Dir;
}

// ---------------------------------------------------------------- YAML

interface Doc {
  file: string;
  index: number;
  value: unknown;
}

/** Every document of a YAML file; a syntax error, a duplicate key or an alias problem is a problem. */
function readYaml(file: string, problems: Problems, rel: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Doc[] = [];
  list.forEach((d, index) => {
    for (const e of d.errors) problems.push(`${rel}: YAML: ${e.message}`);
    if (d.errors.length === 0) out.push({ file: rel, index, value: d.toJS({ maxAliasCount: 100 }) });
  });
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (isObj(v) || Array.isArray(v) ? (v as Obj)[k as string] : undefined), o);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Ajv's errors as lines, naming the offending property where Ajv knows it. */
const errorText = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => {
    const property = (e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty;
    return `${e.instancePath || '/'} ${e.message}${property !== undefined ? ` (${property})` : ''}`;
  });

function walkFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkFiles(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- Pennant's settings

/** Every setting libs/config reads (its zod schemas' keys), the pending ones and those Node or the tools read. */
export function knownSettings(repoRoot: string): Set<string> {
  const source = readFileSync(path.join(repoRoot, 'libs/config/src/config.ts'), 'utf8');
  const names = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  return new Set([...names, ...PENDING_SETTINGS, ...OTHER_SETTINGS]);
}

// ---------------------------------------------------------------- Kubernetes

/** Kubernetes' schemas made strict as `kubeconform -strict` does: properties not in the schema are errors. */
function strictify(node: unknown, name?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => strictify(n));
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' && isObj(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strictify(s)])) : strictify(v);
  if (isObj(out.properties) && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  // A quantity ("512Mi", "250m", "1.5"): the schema says only "string or number".
  if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') {
    return { oneOf: [{ type: 'string', pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$' }, { type: 'number' }] };
  }
  return out;
}

/** Compiled once per process: compiling the pod schemas is most of a check's time. */
const kubernetesSchemas = new Map<string, KubernetesSchemas>();
let composeValidator: ValidateFunction | undefined;
let dynamicConfigKeys: Set<string> | undefined;

class KubernetesSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly loaded = new Map<string, Map<string, string>>();
  private readonly validators = new Map<string, ValidateFunction>();
  constructor(private readonly specDir: string) {}

  /** The validator of apiVersion + kind, or undefined when this Kubernetes release has no such kind. */
  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const gvKinds = this.groupVersion(apiVersion);
    const ref = gvKinds?.get(kind);
    if (!ref) return undefined;
    let v = this.validators.get(ref);
    if (!v) {
      v = this.ajv.getSchema(ref)!;
      this.validators.set(ref, v);
    }
    return v;
  }

  /** kind → schema ref of one group/version, from its OpenAPI document. */
  private groupVersion(apiVersion: string): Map<string, string> | undefined {
    const known = this.loaded.get(apiVersion);
    if (known) return known;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const file = path.join(this.specDir, group ? `apis__${group}__${version}_openapi.json` : `api__${version}_openapi.json`);
    if (!existsSync(file)) return undefined;
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { components: { schemas: Record<string, Obj> } };
    const id = `k8s:${apiVersion}`;
    const schemas = Object.fromEntries(Object.entries(doc.components.schemas).map(([n, s]) => [n, strictify(s, n)]));
    this.ajv.addSchema({ $id: id, components: { schemas } });
    const kinds = new Map<string, string>();
    for (const [n, s] of Object.entries(doc.components.schemas)) {
      for (const gvk of asList(s['x-kubernetes-group-version-kind'])) {
        if (get(gvk, 'group') === (group ?? '') && get(gvk, 'version') === version) kinds.set(String(get(gvk, 'kind')), `${id}#/components/schemas/${n}`);
      }
    }
    this.loaded.set(apiVersion, kinds);
    return kinds;
  }
}

const KUSTOMIZATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'resources'],
  properties: {
    apiVersion: { const: 'kustomize.config.k8s.io/v1beta1' },
    kind: { const: 'Kustomization' },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    resources: { type: 'array', minItems: 1, items: { type: 'string' } },
    images: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string' }, newName: { type: 'string' }, newTag: { type: 'string' }, digest: { type: 'string' } } },
    },
  },
};

interface K8sObject {
  file: string;
  kustomization: string;
  value: Obj;
}

function checkKubernetes(deployDir: string, repoRoot: string, problems: Problems): void {
  const dir = path.join(deployDir, 'kubernetes');
  const rel = (p: string) => path.relative(deployDir, p);
  const specDir = path.join(goModuleDir(KUBERNETES_MODULE), 'api/openapi-spec/v3');
  const schemas = kubernetesSchemas.get(specDir) ?? new KubernetesSchemas(specDir);
  kubernetesSchemas.set(specDir, schemas);
  const kustomizationValidator = new Ajv({ allErrors: true }).compile(KUSTOMIZATION_SCHEMA);
  const objects: K8sObject[] = [];
  const referenced = new Set<string>();

  const validateObject = (value: unknown, where: string): value is Obj => {
    if (!isObj(value)) {
      problems.push(`${where}: not a Kubernetes object`);
      return false;
    }
    const { apiVersion, kind } = value;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      problems.push(`${where}: apiVersion and kind are required`);
      return false;
    }
    const validate = schemas.validator(apiVersion, kind);
    if (!validate) {
      problems.push(`${where}: ${apiVersion} ${kind} is not a kind of Kubernetes ${KUBERNETES_MODULE.split('@')[1]}`);
      return false;
    }
    if (!validate(value)) for (const e of errorText(validate.errors)) problems.push(`${where} (${kind} ${String(get(value, 'metadata', 'name'))}): ${e}`);
    return true;
  };

  for (const kfile of walkFiles(dir, /^kustomization\.ya?ml$/)) {
    const [doc] = readYaml(kfile, problems, rel(kfile));
    if (!doc) continue;
    if (!kustomizationValidator(doc.value)) {
      for (const e of errorText(kustomizationValidator.errors)) problems.push(`${rel(kfile)}: ${e}`);
      continue;
    }
    const k = doc.value as { resources: string[]; images?: { name: string; newName?: string; newTag?: string }[] };
    const mapped = new Set((k.images ?? []).map((i) => i.name));
    for (const r of k.resources) {
      const file = path.resolve(path.dirname(kfile), r);
      referenced.add(file);
      if (!existsSync(file)) {
        problems.push(`${rel(kfile)}: resource ${r} does not exist`);
        continue;
      }
      for (const d of readYaml(file, problems, rel(file))) {
        const where = `${rel(file)}#${d.index + 1}`;
        if (!validateObject(d.value, where)) continue;
        objects.push({ file: where, kustomization: rel(kfile), value: d.value });
        for (const c of containersOf(d.value)) {
          const image = String(c.image ?? '');
          if (!/[/:@]/.test(image) && !mapped.has(image)) problems.push(`${where}: image "${image}" has no registry or tag and ${rel(kfile)} sets none (images:)`);
        }
      }
    }
  }
  // Templates the operator fills in (secrets/) are checked like the rest, though no kustomization applies them.
  for (const file of walkFiles(dir, /\.ya?ml$/)) {
    if (/^kustomization\.ya?ml$/.test(path.basename(file)) || referenced.has(file)) continue;
    if (!file.includes(`${path.sep}secrets${path.sep}`)) {
      problems.push(`${rel(file)}: in no kustomization's resources (templates belong in kubernetes/secrets/)`);
      continue;
    }
    for (const d of readYaml(file, problems, rel(file))) {
      const where = `${rel(file)}#${d.index + 1}`;
      if (validateObject(d.value, where)) objects.push({ file: where, kustomization: '', value: d.value });
    }
  }
  checkKubernetesReferences(objects, knownSettings(repoRoot), problems);
}

interface Container {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  env?: { name: string; valueFrom?: Obj }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  [probe: string]: unknown;
}

function podSpecOf(o: Obj): Obj | undefined {
  const spec = o.kind === 'Job' || o.kind === 'Deployment' ? get(o, 'spec', 'template', 'spec') : undefined;
  return isObj(spec) ? spec : undefined;
}
function containersOf(o: Obj): Container[] {
  const spec = podSpecOf(o);
  return spec ? ([...asList(spec.initContainers), ...asList(spec.containers)] as Container[]) : [];
}
const matches = (selector: unknown, labels: unknown) => isObj(selector) && isObj(labels) && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** What the API server or the kubelet would refuse, or silently get wrong, that the schemas cannot see. */
function checkKubernetesReferences(objects: K8sObject[], settings: Set<string>, problems: Problems): void {
  const named = (kind: string) => new Map(objects.filter((o) => o.value.kind === kind).map((o) => [String(get(o.value, 'metadata', 'name')), o.value]));
  const configMaps = named('ConfigMap');
  const secrets = named('Secret');
  const deployments = named('Deployment');
  const podLabels = [...objects].filter((o) => podSpecOf(o.value)).map((o) => get(o.value, 'spec', 'template', 'metadata', 'labels'));

  for (const cm of configMaps.values()) {
    for (const key of Object.keys((cm.data as Obj | undefined) ?? {})) {
      if (!settings.has(key)) problems.push(`ConfigMap ${String(get(cm, 'metadata', 'name'))}: ${key} is no setting Pennant reads (libs/config/src/config.ts, or PENDING_SETTINGS in tools/deploy-check/check.ts)`);
    }
  }
  for (const { file, value: o } of objects) {
    const name = `${file} (${String(o.kind)} ${String(get(o, 'metadata', 'name'))})`;
    if (o.kind === 'Deployment' && !matches(get(o, 'spec', 'selector', 'matchLabels'), get(o, 'spec', 'template', 'metadata', 'labels'))) {
      problems.push(`${name}: spec.selector.matchLabels does not match the pod template's labels`);
    }
    if ((o.kind === 'Service' && !podLabels.some((l) => matches(get(o, 'spec', 'selector'), l))) || (o.kind === 'PodDisruptionBudget' && !podLabels.some((l) => matches(get(o, 'spec', 'selector', 'matchLabels'), l)))) {
      problems.push(`${name}: its selector matches no pod template here`);
    }
    if (o.kind === 'HorizontalPodAutoscaler' && !deployments.has(String(get(o, 'spec', 'scaleTargetRef', 'name')))) problems.push(`${name}: scaleTargetRef names no Deployment here`);
    if (o.kind === 'Deployment') {
      // Two or more of each, for availability: the Deployment's own count, or the floor of the HPA that owns it.
      const hpa = objects.find((h) => h.value.kind === 'HorizontalPodAutoscaler' && get(h.value, 'spec', 'scaleTargetRef', 'name') === get(o, 'metadata', 'name'));
      const count = hpa ? get(hpa.value, 'spec', 'minReplicas') : (get(o, 'spec', 'replicas') ?? 1);
      if (typeof count !== 'number' || count < 2) problems.push(`${name}: runs fewer than 2 replicas${hpa ? ' (its HPA\'s minReplicas)' : ''}`);
      if (hpa && get(o, 'spec', 'replicas') !== undefined) problems.push(`${name}: sets replicas although an HPA owns the count (each apply would reset it)`);
    }
    const spec = podSpecOf(o);
    if (!spec) continue;
    checkScrapeAnnotations(name, o, configMaps, problems);
    const volumes = new Set(asList(spec.volumes).map((v) => String(get(v, 'name'))));
    for (const v of asList(spec.volumes)) {
      const secretName = get(v, 'secret', 'secretName');
      if (secretName !== undefined && !secrets.has(String(secretName)) && get(v, 'secret', 'optional') !== true) problems.push(`${name}: volume ${String(get(v, 'name'))} needs Secret ${String(secretName)}, defined nowhere here`);
    }
    for (const c of containersOf(o)) {
      const cname = `${name} container ${c.name}`;
      for (const m of asList(c.volumeMounts)) if (!volumes.has(String(get(m, 'name')))) problems.push(`${cname}: mounts volume ${String(get(m, 'name'))}, which the pod does not have`);
      const ports = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const port = get(c, probe, 'httpGet', 'port') ?? get(c, probe, 'tcpSocket', 'port');
        if (typeof port === 'string' && !ports.has(port)) problems.push(`${cname}: ${probe} uses port "${port}", which the container does not name`);
      }
      for (const ef of c.envFrom ?? []) {
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) problems.push(`${cname}: envFrom ConfigMap ${ef.configMapRef.name}, defined nowhere here`);
        if (ef.secretRef && !secrets.has(ef.secretRef.name)) problems.push(`${cname}: envFrom Secret ${ef.secretRef.name}, defined nowhere here`);
      }
      for (const e of c.env ?? []) {
        if (e.name !== 'POD_NAME' && !settings.has(e.name)) problems.push(`${cname}: ${e.name} is no setting Pennant reads`);
        const ref = get(e, 'valueFrom', 'secretKeyRef') ?? get(e, 'valueFrom', 'configMapKeyRef');
        if (!isObj(ref)) continue;
        const source = get(e, 'valueFrom', 'secretKeyRef') ? secrets.get(String(ref.name)) : configMaps.get(String(ref.name));
        const keys = { ...((source?.data as Obj | undefined) ?? {}), ...((source?.stringData as Obj | undefined) ?? {}) };
        if (!source) problems.push(`${cname}: ${e.name} refers to ${String(ref.name)}, defined nowhere here`);
        else if (!(String(ref.key) in keys) && ref.optional !== true) problems.push(`${cname}: ${e.name} refers to key ${String(ref.key)}, which ${String(ref.name)} does not have`);
      }
    }
  }
}

/** The settings that choose a process's metrics port (libs/config); 0 turns its metrics off. */
const METRICS_PORT_SETTINGS = ['API_METRICS_PORT', 'WORKER_METRICS_PORT'];

/**
 * A pod template's `prometheus.io/port` must be a port its container declares and the one its metrics setting
 * chooses (from the ConfigMaps it takes its environment from): otherwise Prometheus scrapes a closed port, silently.
 */
function checkScrapeAnnotations(name: string, o: Obj, configMaps: Map<string, Obj>, problems: Problems): void {
  const annotations = get(o, 'spec', 'template', 'metadata', 'annotations');
  const annotated = isObj(annotations) ? annotations['prometheus.io/port'] : undefined;
  if (annotated === undefined) return;
  const containers = containersOf(o);
  if (!containers.some((c) => (c.ports ?? []).some((p) => String(p.containerPort) === String(annotated)))) {
    problems.push(`${name}: prometheus.io/port is ${String(annotated)}, which no container declares as a containerPort`);
  }
  for (const c of containers) {
    for (const ef of c.envFrom ?? []) {
      const data = (configMaps.get(ef.configMapRef?.name ?? '')?.data as Obj | undefined) ?? {};
      for (const setting of METRICS_PORT_SETTINGS) {
        if (setting in data && String(data[setting]) !== String(annotated)) {
          problems.push(`${name} container ${c.name}: ${setting} is ${String(data[setting])} (ConfigMap ${ef.configMapRef!.name}) but prometheus.io/port is ${String(annotated)}`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- Compose

function temporalEnvNames(): Set<string> {
  const template = readFileSync(path.join(goModuleDir(TEMPORAL_MODULE), 'common/config/config_template_embedded.yaml'), 'utf8');
  // The server's own flags and the image's entrypoint read these too.
  return new Set([...[...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!), 'TEMPORAL_SERVICES', 'TEMPORAL_BROADCAST_ADDRESS', 'BIND_ON_IP']);
}

/** Every dynamic config key the Temporal server defines (the string keys of common/dynamicconfig). */
function temporalDynamicConfigKeys(): Set<string> {
  if (dynamicConfigKeys) return dynamicConfigKeys;
  const dir = path.join(goModuleDir(TEMPORAL_MODULE), 'common/dynamicconfig');
  const keys = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go'))) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/"([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)"/g)) keys.add(m[1]!);
  }
  dynamicConfigKeys = keys;
  return keys;
}

function checkDynamicConfig(value: unknown, where: string, problems: Problems): void {
  if (!isObj(value)) {
    problems.push(`${where}: dynamic config must be a map of keys`);
    return;
  }
  const keys = temporalDynamicConfigKeys();
  for (const [key, entries] of Object.entries(value)) {
    if (!keys.has(key)) problems.push(`${where}: ${key} is no dynamic config key of Temporal ${TEMPORAL_MODULE.split('@')[1]}`);
    if (!Array.isArray(entries) || entries.some((e) => !isObj(e) || !('value' in e) || Object.keys(e).some((k) => k !== 'value' && k !== 'constraints'))) {
      problems.push(`${where}: ${key} must be a list of { value, constraints }`);
    }
  }
}

function checkCompose(deployDir: string, repoRoot: string, problems: Problems): void {
  const file = path.join(deployDir, 'compose/compose.yaml');
  const rel = path.relative(deployDir, file);
  const [doc] = readYaml(file, problems, rel);
  if (!doc) return;
  composeValidator ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
    JSON.parse(readFileSync(path.join(goModuleDir(COMPOSE_MODULE), 'schema/compose-spec.json'), 'utf8')) as Obj,
  );
  const validate = composeValidator;
  if (!validate(doc.value)) for (const e of errorText(validate.errors)) problems.push(`${rel}: ${e}`);
  const compose = doc.value as Obj;
  const services = (compose.services as Record<string, Obj> | undefined) ?? {};
  const volumes = new Set(Object.keys((compose.volumes as Obj | undefined) ?? {}));
  const settings = knownSettings(repoRoot);
  const temporalEnv = temporalEnvNames();
  for (const [name, s] of Object.entries(services)) {
    const where = `${rel} service ${name}`;
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys((s.depends_on as Obj | undefined) ?? {});
    for (const d of deps) if (!(String(d) in services)) problems.push(`${where}: depends on ${String(d)}, which is no service`);
    const mounts = asList(s.volumes).map((v) => (typeof v === 'string' ? { source: v.split(':')[0]!, target: v.split(':')[1] ?? '' } : { source: String(get(v, 'source')), target: String(get(v, 'target')) }));
    for (const m of mounts) {
      if (m.source.startsWith('.') || m.source.startsWith('/')) {
        if (!existsSync(path.resolve(path.dirname(file), m.source))) problems.push(`${where}: mounts ${m.source}, which does not exist`);
      } else if (!volumes.has(m.source)) problems.push(`${where}: mounts volume ${m.source}, which is not declared under volumes`);
    }
    const env = isObj(s.environment) ? Object.keys(s.environment) : asList(s.environment).map((e) => String(e).split('=')[0]!);
    const image = String(s.image ?? '');
    if (image.startsWith('temporalio/server:')) {
      for (const e of env) if (!temporalEnv.has(e)) problems.push(`${where}: ${e} is not read by Temporal ${TEMPORAL_MODULE.split('@')[1]}'s env-only config`);
      const dynamic = get(s, 'environment', 'DYNAMIC_CONFIG_FILE_PATH');
      const mount = mounts.find((m) => m.target === dynamic);
      if (typeof dynamic !== 'string') problems.push(`${where}: env-only mode needs DYNAMIC_CONFIG_FILE_PATH`);
      else if (!mount) problems.push(`${where}: DYNAMIC_CONFIG_FILE_PATH ${dynamic} is not mounted`);
      else if (mount.source.startsWith('.')) {
        const dc = path.resolve(path.dirname(file), mount.source);
        if (existsSync(dc)) for (const d of readYaml(dc, problems, path.relative(deployDir, dc))) checkDynamicConfig(d.value, path.relative(deployDir, dc), problems);
      }
    } else if (!image.startsWith('temporalio/') && !image.startsWith('postgres:')) {
      for (const e of env) if (!settings.has(e)) problems.push(`${where}: ${e} is no setting Pennant reads`);
    }
  }
}

// ---------------------------------------------------------------- Temporal's Helm chart

function checkHelmValues(deployDir: string, problems: Problems): void {
  const file = path.join(deployDir, 'temporal/values.yaml');
  const rel = path.relative(deployDir, file);
  const [doc] = readYaml(file, problems, rel);
  if (!doc) return;
  const allowed = readFileSync(path.join(deployDir, 'temporal/chart-keys.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const exact = new Set(allowed.filter((k) => !k.endsWith('.*')));
  const open = allowed.filter((k) => k.endsWith('.*')).map((k) => k.slice(0, -2));
  const leaves: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (isObj(v) && Object.keys(v).length && !open.includes(p)) for (const [k, c] of Object.entries(v)) walk(c, p ? `${p}.${k}` : k);
    else leaves.push(p);
  };
  walk(doc.value, '');
  for (const leaf of leaves) {
    if (!exact.has(leaf) && !open.some((o) => leaf === o || leaf.startsWith(`${o}.`))) problems.push(`${rel}: ${leaf} is no value of the chart (temporal/chart-keys.txt)`);
  }
  for (const service of ['frontend', 'history', 'matching', 'worker']) {
    const n = get(doc.value, 'server', service, 'replicaCount') ?? get(doc.value, 'server', 'replicaCount');
    if (typeof n !== 'number' || n < 2) problems.push(`${rel}: server.${service} needs 2 or more replicas`);
  }
  for (const store of ['default', 'visibility']) {
    if (get(doc.value, 'server', 'config', 'persistence', 'datastores', store, 'sql', 'pluginName') !== 'postgres12') problems.push(`${rel}: the ${store} store is not on PostgreSQL (pluginName postgres12)`);
  }
  const shards = get(doc.value, 'server', 'config', 'persistence', 'numHistoryShards');
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) problems.push(`${rel}: numHistoryShards must be a positive whole number`);
  const dynamic = get(doc.value, 'server', 'dynamicConfig');
  if (dynamic !== undefined) checkDynamicConfig(dynamic, `${rel} server.dynamicConfig`, problems);
}

// ---------------------------------------------------------------- all of deploy/

/** Every setting named in env.example (set or commented out) is one Pennant reads. */
function checkEnvExample(deployDir: string, repoRoot: string, problems: Problems): void {
  const settings = knownSettings(repoRoot);
  for (const m of readFileSync(path.join(deployDir, 'env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)) {
    if (!settings.has(m[1]!)) problems.push(`env.example: ${m[1]} is no setting Pennant reads`);
  }
}

// ---------------------------------------------------------------- the image and the commands

/** `node dist/X.js` anywhere in deploy/ must be a compiled `X.ts` of the repository (a moved entry point breaks them). */
function checkEntryPoints(deployDir: string, repoRoot: string, problems: Problems): void {
  for (const file of walkFiles(deployDir, /(\.ya?ml|Dockerfile|\.service)$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bdist\/([\w./-]+)\.js\b/g)) {
      // The workflow bundle is written by tools/build.mjs, not compiled from a file of its own.
      if (m[1] !== 'workflow-bundle' && !existsSync(path.join(repoRoot, `${m[1]}.ts`))) problems.push(`${path.relative(deployDir, file)}: dist/${m[1]}.js is built from no ${m[1]}.ts`);
    }
  }
}

/** The Dockerfile's COPY sources exist in the build context and .dockerignore does not leave them out. */
function checkDockerfile(deployDir: string, repoRoot: string, problems: Problems): void {
  const dockerfile = path.join(deployDir, 'container/Dockerfile');
  const rel = path.relative(deployDir, dockerfile);
  const ignoreFile = path.join(repoRoot, '.dockerignore');
  const ignored = existsSync(ignoreFile)
    ? readFileSync(ignoreFile, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    : [];
  const excluded = (src: string) => ignored.some((pattern) => !/[*?[]/.test(pattern) && (src === pattern || src.startsWith(`${pattern}/`)));
  const text = readFileSync(dockerfile, 'utf8').replace(/\\\n/g, ' ');
  if (!/^FROM\s/m.test(text)) problems.push(`${rel}: no FROM`);
  for (const line of text.split('\n')) {
    const m = /^\s*COPY\s+(.*)$/.exec(line);
    if (!m || /--from=/.test(m[1]!)) continue;
    const args = m[1]!.split(/\s+/).filter((a) => a && !a.startsWith('--'));
    for (const src of args.slice(0, -1)) {
      if (src === '.') continue;
      if (!existsSync(path.join(repoRoot, src))) problems.push(`${rel}: COPY ${src}: no such file in the repository`);
      else if (excluded(src)) problems.push(`${rel}: COPY ${src}: left out of the build context by .dockerignore`);
    }
  }
  for (const needed of ['package.json', 'package-lock.json', 'patches', 'apps', 'libs', 'workflows', 'activities', 'tools', 'tsconfig.json', 'tsconfig.build.json']) {
    if (excluded(needed)) problems.push(`.dockerignore: leaves out ${needed}, which the image's build needs`);
  }
}

/** Every problem found in a deploy/ folder (the repository's, or a copy); empty when all is well. */
export function checkDeployDir(deployDir: string, repoRoot: string = path.resolve(deployDir, '..')): Problems {
  const problems: Problems = [];
  checkEnvExample(deployDir, repoRoot, problems);
  checkEntryPoints(deployDir, repoRoot, problems);
  checkDockerfile(deployDir, repoRoot, problems);
  checkKubernetes(deployDir, repoRoot, problems);
  checkCompose(deployDir, repoRoot, problems);
  checkHelmValues(deployDir, problems);
  return problems;
}
