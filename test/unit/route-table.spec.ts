import { RouteTable } from '../../apps/api/src/http/method-not-allowed';

/** The lookup every request goes through (the 405 answer and the metrics' route label): as Express matches Nest's routes. */
describe('the route table', () => {
  const table = new RouteTable([
    { path: '/tasks', methods: ['GET'] },
    { path: '/tasks/:id', methods: ['GET'] },
    { path: '/tasks/:id/decision', methods: ['POST'] },
    { path: '/tasks/inbox-counts', methods: ['GET'] },
    { path: '/campaigns/:id/dashboard', methods: ['GET'] },
  ]);
  const templates = (path: string) => table.matching(path).map((r) => r.path);

  it('fits literal segments case-insensitively and any non-empty segment to a parameter, in registration order', () => {
    expect(templates('/tasks')).toEqual(['/tasks']);
    expect(templates('/TASKS/abc/Decision')).toEqual(['/tasks/:id/decision']);
    expect(templates('/tasks/inbox-counts')).toEqual(['/tasks/:id', '/tasks/inbox-counts']);
    expect(templates('/campaigns/7/dashboard')).toEqual(['/campaigns/:id/dashboard']);
  });

  it('allows one trailing slash, and nothing longer, shorter or with an empty segment inside', () => {
    expect(templates('/tasks/')).toEqual(['/tasks']);
    expect(templates('/tasks/abc/decision/')).toEqual(['/tasks/:id/decision']);
    expect(templates('/tasks//decision')).toEqual([]);
    expect(templates('/tasks/abc/decision/more')).toEqual([]);
    expect(templates('/campaigns/7')).toEqual([]);
    expect(templates('/')).toEqual([]);
    expect(templates('/nothing')).toEqual([]);
  });

  it('gives each route its methods', () => {
    expect(table.matching('/tasks/abc').flatMap((r) => r.methods)).toEqual(['GET']);
    expect(table.matching('/tasks/abc/decision').flatMap((r) => r.methods)).toEqual(['POST']);
  });
});
