import { MAX_ATTACHMENTS_PER_NOMINATION, MAX_ATTACHMENTS_PER_TASK, type NominationStatus } from '../../../../libs/domain/src';
import type { ErrorCode } from '../../../../libs/contracts/src';
import { ApiError } from '../common/api-error';

/**
 * What holds attachments, as the attachment rows need to know it: the column
 * of `attachments` naming it (exactly one is set, `attachments_one_owner`),
 * its own table, locked while its attachments change, the audit subject, the
 * limit with its refusal, and the statuses in which it still takes and gives
 * up files.
 */
export interface AttachmentOwner {
  readonly column: 'nomination_id' | 'task_id';
  readonly table: 'nominations' | 'tasks';
  readonly subjectType: 'nomination' | 'task';
  readonly limit: number;
  readonly tooMany: string;
  readonly editable: (status: string) => boolean;
  /** The refusal once it no longer is (409), also what its endpoints document. */
  readonly closed: { readonly code: ErrorCode; readonly message: string };
}

export const closedRefusal = (owner: AttachmentOwner) => new ApiError(owner.closed.code, owner.closed.message);

/** While the nomination is still open to change by its branch. */
const NOMINATION_EDITABLE: readonly string[] = ['under_review', 'returned'] satisfies NominationStatus[];

export const NOMINATION_ATTACHMENTS: AttachmentOwner = {
  column: 'nomination_id',
  table: 'nominations',
  subjectType: 'nomination',
  limit: MAX_ATTACHMENTS_PER_NOMINATION,
  tooMany: `每份推荐申报最多${MAX_ATTACHMENTS_PER_NOMINATION}个附件，请先删除不需要的附件`,
  editable: (status) => NOMINATION_EDITABLE.includes(status),
  closed: { code: 'NOT_EDITABLE', message: '推荐申报已审核办结，不能再上传或删除附件' },
};

export const TASK_ATTACHMENTS: AttachmentOwner = {
  column: 'task_id',
  table: 'tasks',
  subjectType: 'task',
  limit: MAX_ATTACHMENTS_PER_TASK,
  tooMany: `每项任务最多${MAX_ATTACHMENTS_PER_TASK}个附件，请先删除不需要的附件`,
  editable: (status) => status === 'open',
  closed: { code: 'TASK_NOT_OPEN', message: '该任务已办结，不能再上传或删除附件' },
};
