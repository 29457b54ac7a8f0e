import type { TaskAction, TaskForm } from '../../../../../libs/domain/src';
import type { TaskEntity } from '../../../../../libs/persistence/src';
import type { Principal } from '../../auth/principal';
import { type TaskKind, coveringGrant, holder } from './task-kind';

const slotHolder = (task: TaskEntity, p: Principal) => holder(task, p) !== undefined;
const delegatedToMe = (task: TaskEntity, p: Principal) => task.delegatedToUserId !== null && task.delegatedToUserId === p.userId;

/**
 * Every humanTask (campaign steps, objection investigations, approvals):
 * decide with its outcomes and form, return, transfer, delegate and reply,
 * add a co-signer, withdraw (the submitter, before anyone acted), urge, and
 * extend (administrators). The workflow's validator has the last word.
 */
export const humanTaskKind: TaskKind = {
  actions: ['decide', 'transfer', 'delegate', 'reply', 'add_cosigner', 'withdraw', 'urge', 'extend'],
  keepsDataAsGiven: true,

  decision: (task, rules) =>
    rules && {
      outcomes: rules.outcomes,
      positive: rules.positive,
      opinionRequiredFor: rules.opinionRequiredFor,
      returnTargets: rules.returnTargets,
      form: (task.form as TaskForm | null) ?? null,
    },

  actor(task, p, type) {
    switch (type) {
      case 'extend': {
        const admin = p.grants.find((g) => g.role === 'administrator' && task.organisationPath.startsWith(g.scopePath));
        return admin ?? { refused: '只有管理员可以延长办理期限' };
      }
      case 'urge':
      case 'withdraw':
        // Anyone who sees the task may urge; the workflow knows who submitted it.
        return coveringGrant(task, p) ?? p.grants[0] ?? { refused: '您无权操作该任务' };
      case 'reply':
        return delegatedToMe(task, p) ? (coveringGrant(task, p) ?? p.grants[0]!) : { refused: '该任务未委托给您' };
      default:
        return holder(task, p) ?? (delegatedToMe(task, p) ? (coveringGrant(task, p) ?? p.grants[0]!) : { refused: '您不是该任务的办理人' });
    }
  },

  possibleNow(task, p, type, rules) {
    switch (type) {
      case 'decide':
      case 'transfer':
      case 'delegate':
      case 'add_cosigner':
        return slotHolder(task, p) && task.delegatedToUserId === null;
      case 'reply':
        return delegatedToMe(task, p);
      case 'withdraw':
        return rules?.submitterUserId === p.userId && !task.acted;
      case 'urge':
        // Those who hold or were delegated the task do it rather than urge it.
        return !slotHolder(task, p) && !delegatedToMe(task, p);
      case 'extend':
        return true;
    }
  },

  // The action goes as given: a decision's data is kept with it as the caller wrote it.
  send: ({ task, p, grant, action, requestId, gateways }) => gateways.processes.actOnTask(task.groupId!, { actor: p.actorAs(grant), action: action as TaskAction }, requestId),
};
