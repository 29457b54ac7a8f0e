import express from 'express';
import { Registry } from 'prom-client';
import request from 'supertest';
import { expressRoutes } from '../../apps/api/src/http/method-not-allowed';
import { UNMATCHED, httpMetrics, routeLabel, statusClass, templatesOf } from '../../apps/api/src/metrics/http-metrics';

/**
 * The API's request histogram is labelled by route template, so that its
 * labels are as many as the API's routes however many ids are requested.
 */
describe('the route label of a request', () => {
  it('is the template of the route that answered it, never the path', () => {
    expect(routeLabel({ route: { path: '/tasks/:id/decision' }, baseUrl: '', originalUrl: '/tasks/5b1c…/decision' })).toBe('/tasks/:id/decision');
    expect(routeLabel({ route: { path: '/items/:n' }, baseUrl: '/v1', originalUrl: '/v1/items/42?x=1' })).toBe('/v1/items/:n');
    expect(routeLabel({ route: { path: '/' }, baseUrl: '', originalUrl: '/' })).toBe('/');
  });

  it('names the web application and the API documents by their mount, and everything else no route took "unmatched"', () => {
    expect(routeLabel({ originalUrl: '/app/assets/index-3f2a.js' })).toBe('/app/*');
    expect(routeLabel({ originalUrl: '/app' })).toBe('/app/*');
    expect(routeLabel({ originalUrl: '/docs/swagger-ui.css?v=1' })).toBe('/docs/*');
    expect(routeLabel({ originalUrl: '/application/x' })).toBe(UNMATCHED);
    expect(routeLabel({ originalUrl: '/tasks/5b1c/nothing-here' })).toBe(UNMATCHED);
    expect(routeLabel({ url: '/wp-login.php' })).toBe(UNMATCHED);
  });

  it('gives a request refused before routing the template its path fits, if any', () => {
    const templateOf = templatesOf(() => [
      { path: '/tasks/:id/decision', methods: ['POST'] },
      { path: '/tasks', methods: ['GET'] },
    ]);
    expect(routeLabel({ originalUrl: '/tasks/0b6e1f8e/decision' }, templateOf)).toBe('/tasks/:id/decision');
    expect(routeLabel({ originalUrl: '/tasks/?limit=20' }, templateOf)).toBe('/tasks');
    expect(routeLabel({ originalUrl: '/tasks/0b6e1f8e/decision/more' }, templateOf)).toBe(UNMATCHED);
    expect(routeLabel({ originalUrl: '/app/x' }, templateOf)).toBe('/app/*');
  });

  it('gives the status class, or "aborted" when the answer was not sent', () => {
    expect(statusClass({ statusCode: 204, writableFinished: true })).toBe('2xx');
    expect(statusClass({ statusCode: 404, writableFinished: true })).toBe('4xx');
    expect(statusClass({ statusCode: 503, writableFinished: true })).toBe('5xx');
    expect(statusClass({ statusCode: 200, writableFinished: false })).toBe('aborted');
  });

  it('is what Express reports for real requests: two ids, one series; unknown paths, one more', async () => {
    const registry = new Registry();
    const app = express();
    app.use(httpMetrics(registry, templatesOf(() => expressRoutes(app))));
    app.use(express.json());
    app.post('/tasks/:id/decision', (_req, res) => void res.status(404).json({ statusCode: 404 }));
    const v1 = express.Router();
    v1.get('/items/:n', (_req, res) => void res.json({ ok: true }));
    app.use('/v1', v1);
    app.use('/app', express.static(__dirname, { fallthrough: true }));

    const ids = ['0b6e1f8e-1d1f-4c55-9a43-5d0f6c1d9a01', '9f3a4c2e-77aa-4d3e-8b1b-2c4d6e8f0a12'];
    for (const id of ids) await request(app).post(`/tasks/${id}/decision`).expect(404);
    // Refused by the body parser, before any route: still the route's template.
    await request(app).post(`/tasks/${ids[0]}/decision`).set('content-type', 'application/json').send('{"decision": ').expect(400);
    await request(app).get('/v1/items/7').expect(200);
    await request(app).get('/v1/items/8').expect(200);
    await request(app).get(`/app/${ids[0]}.js`).expect(404);
    await request(app).get(`/nowhere/${ids[1]}`).expect(404);

    const text = await registry.metrics();
    const count = (labels: string) => Number(new RegExp(`^pennant_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(count('method="POST",route="/tasks/:id/decision",status_class="4xx"')).toBe(3);
    expect(count('method="GET",route="/v1/items/:n",status_class="2xx"')).toBe(2);
    expect(count('method="GET",route="/app/\\*",status_class="4xx"')).toBe(1);
    expect(count(`method="GET",route="${UNMATCHED}",status_class="4xx"`)).toBe(1);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).toMatch(/^pennant_http_requests_in_flight 0$/m);
  });
});
