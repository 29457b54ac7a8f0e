import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDeployDir } from '../../tools/deploy-check/check';

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');

/**
 * deploy/ cannot be applied here (no container daemon, registry or Kubernetes): its files are checked offline
 * against Kubernetes' OpenAPI schemas (strict), the Compose Specification's schema, the Temporal chart's keys and
 * Temporal's own settings, and against each other. Each broken copy below shows that a kind of mistake is caught.
 */
describe('deploy/ files', () => {
  it('pass every offline check', () => {
    expect(checkDeployDir(DEPLOY, ROOT)).toEqual([]);
  });

  describe('a broken copy', () => {
    let copy: string;
    beforeEach(() => {
      copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'pennant-deploy-check-')), 'deploy');
      cpSync(DEPLOY, copy, { recursive: true });
    });
    afterEach(() => rmSync(path.dirname(copy), { recursive: true, force: true }));

    const edit = (file: string, from: string | RegExp, to: string) => {
      const p = path.join(copy, file);
      const before = readFileSync(p, 'utf8');
      const after = before.replace(from, to);
      expect(after).not.toBe(before);
      writeFileSync(p, after);
    };
    const problems = () => checkDeployDir(copy, ROOT);

    it('fails on a misspelt Kubernetes field', () => {
      edit('kubernetes/app/api-deployment.yaml', 'terminationGracePeriodSeconds: 30', 'terminationGracePeriodSecond: 30');
      expect(problems()).toEqual([expect.stringMatching(/api-deployment\.yaml#1 \(Deployment pennant-api\): \/spec\/template\/spec must NOT have additional properties \(terminationGracePeriodSecond\)/)]);
    });

    it('fails on a value of the wrong type, a malformed quantity and a missing required field', () => {
      edit('kubernetes/app/worker-deployment.yaml', 'replicas: 2', 'replicas: two');
      edit('kubernetes/app/worker-deployment.yaml', 'memory: 1280Mi', 'memory: 1.25 gigabytes');
      edit('kubernetes/migrate/job.yaml', '        - name: migrate\n          image: pennant\n', '        - image: pennant\n');
      const found = problems().join('\n');
      expect(found).toMatch(/worker-deployment\.yaml.*\/spec\/replicas must be integer/);
      expect(found).toMatch(/worker-deployment\.yaml.*\/resources\/limits\/memory must match pattern/);
      expect(found).toMatch(/job\.yaml.*\/spec\/template\/spec\/containers\/0 must have required property 'name'/);
    });

    it('fails on references that lead nowhere', () => {
      edit('kubernetes/app/api-deployment.yaml', 'key: JWT_SECRET', 'key: JWT_SECRETS');
      edit('kubernetes/app/api-service.yaml', 'component: api\n  ports', 'component: apis\n  ports');
      edit('kubernetes/config/configmap.yaml', 'LOG_LEVEL: info', 'LOG_LEVL: info');
      edit('kubernetes/app/kustomization.yaml', '  - worker-pdb.yaml\n', '  - worker-pdb.yaml\n  - worker-hpa.yaml\n');
      edit('kubernetes/app/worker-deployment.yaml', 'replicas: 2', 'replicas: 1');
      const found = problems().join('\n');
      expect(found).toMatch(/JWT_SECRET refers to key JWT_SECRETS, which pennant-app does not have/);
      expect(found).toMatch(/Service pennant-api\): its selector matches no pod template here/);
      expect(found).toMatch(/LOG_LEVL is no setting Pennant reads/);
      expect(found).toMatch(/resource worker-hpa\.yaml does not exist/);
      expect(found).toMatch(/Deployment pennant-worker\): runs fewer than 2 replicas/);
    });

    it('fails on a scrape annotation that names a port the pod does not serve its metrics on', () => {
      edit('kubernetes/app/api-deployment.yaml', 'prometheus.io/port: "9464"', 'prometheus.io/port: "9100"');
      edit('kubernetes/config/configmap.yaml', 'WORKER_METRICS_PORT: "9465"', 'WORKER_METRICS_PORT: "9466"');
      const found = problems().join('\n');
      expect(found).toMatch(/Deployment pennant-api\): prometheus\.io\/port is 9100, which no container declares as a containerPort/);
      expect(found).toMatch(/Deployment pennant-api\) container api: API_METRICS_PORT is 9464 \(ConfigMap pennant-api\) but prometheus\.io\/port is 9100/);
      expect(found).toMatch(/Deployment pennant-worker\) container worker: WORKER_METRICS_PORT is 9466 \(ConfigMap pennant-worker\) but prometheus\.io\/port is 9465/);
    });

    it('fails on a compose file that breaks the Compose Specification or Temporal\'s settings', () => {
      edit('compose/compose.yaml', 'stop_grace_period: 2m', 'stop_grace_periods: 2m');
      edit('compose/compose.yaml', 'NUM_HISTORY_SHARDS: "16"', 'HISTORY_SHARDS: "16"');
      edit('compose/temporal/dynamicconfig.yaml', 'matching.numTaskqueueReadPartitions:', 'matching.numTaskQueueReadPartitions:');
      const found = problems().join('\n');
      expect(found).toMatch(/compose\.yaml: \/services\/worker must NOT have unevaluated properties \(stop_grace_periods\)/);
      expect(found).toMatch(/service temporal: HISTORY_SHARDS is not read by Temporal v1\.31\.2's env-only config/);
      expect(found).toMatch(/dynamicconfig\.yaml: matching\.numTaskQueueReadPartitions is no dynamic config key of Temporal v1\.31\.2/);
    });

    it('fails on an entry point that is not built, and on a COPY of nothing', () => {
      edit('container/Dockerfile', 'CMD ["node", "dist/apps/api/src/main.js"]', 'CMD ["node", "dist/apps/api/main.js"]');
      edit('kubernetes/migrate/job.yaml', 'dist/tools/migrate.js', 'dist/tools/migrations.js');
      edit('container/Dockerfile', 'COPY patches ./patches', 'COPY patch ./patches');
      const found = problems().join('\n');
      expect(found).toMatch(/container\/Dockerfile: dist\/apps\/api\/main\.js is built from no apps\/api\/main\.ts/);
      expect(found).toMatch(/kubernetes\/migrate\/job\.yaml: dist\/tools\/migrations\.js is built from no tools\/migrations\.ts/);
      expect(found).toMatch(/container\/Dockerfile: COPY patch: no such file in the repository/);
    });

    it('fails on a Helm value the chart does not have, and on too few Temporal replicas', () => {
      edit('temporal/values.yaml', 'numHistoryShards: 512', 'numHistoryShard: 512');
      edit('temporal/values.yaml', /history:\n(\s+#[^\n]*\n)*\s+replicaCount: 3/, 'history:\n    replicaCount: 1');
      const found = problems().join('\n');
      expect(found).toMatch(/values\.yaml: server\.config\.persistence\.numHistoryShard is no value of the chart/);
      expect(found).toMatch(/values\.yaml: server\.history needs 2 or more replicas/);
    });
  });
});
