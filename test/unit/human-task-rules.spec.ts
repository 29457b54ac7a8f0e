import { hasPriorityHonour, opinionRequired, refuseDecision, statusAfterDecision } from '../../libs/domain/src';

const open = { id: 't1', organisationId: 'g1', role: 'reviewer' as const };
const attempt = { taskId: 't1', actor: { organisationId: 'g1', role: 'reviewer' as const }, opinionMissing: false };

describe('human task decision rules', () => {
  it('accepts the assignee deciding the open task', () => {
    expect(refuseDecision(open, attempt)).toBeNull();
  });

  it('refuses a decided or unknown task', () => {
    expect(refuseDecision(null, attempt)?.type).toBe('TASK_NOT_OPEN');
    expect(refuseDecision(open, { ...attempt, taskId: 't2' })?.type).toBe('TASK_NOT_OPEN');
  });

  it('refuses anyone but the assignee role at the assignee organisation', () => {
    expect(refuseDecision(open, { ...attempt, actor: { organisationId: 'g2', role: 'reviewer' } })?.type).toBe('NOT_ASSIGNEE');
    expect(refuseDecision(open, { ...attempt, actor: { organisationId: 'g1', role: 'committee_member' } })?.type).toBe('NOT_ASSIGNEE');
  });

  it('requires an opinion to return or reject, and says so in Chinese', () => {
    expect(opinionRequired('approve')).toBe(false);
    expect(opinionRequired('return')).toBe(true);
    expect(opinionRequired('reject')).toBe(true);
    expect(refuseDecision(open, { ...attempt, opinionMissing: true })).toEqual({ type: 'INVALID_DECISION', message: expect.stringMatching(/意见/) });
  });

  it('maps decisions to nomination states', () => {
    expect(statusAfterDecision('approve')).toBe('approved');
    expect(statusAfterDecision('return')).toBe('returned');
    expect(statusAfterDecision('reject')).toBe('rejected');
  });

  it('puts provincial and national honours first', () => {
    expect(hasPriorityHonour([{ level: 'city' }, { level: 'provincial' }])).toBe(true);
    expect(hasPriorityHonour([{ level: 'county' }])).toBe(false);
  });
});
