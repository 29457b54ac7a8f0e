import type { DataSource } from 'typeorm';
import type { TaskForm } from '../../../../libs/domain/src';
import type { TaskEntity } from '../../../../libs/persistence/src';
import { TASK_FORMS } from '../../../../libs/processes/src';
import { ApiError } from '../common/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Why a decision's form may not be sent as it is: it names an attachment
 * (in a field its schema marks) that is not a live attachment of this task —
 * another task's, deleted, or none at all. Null when every id is the task's own.
 */
export async function foreignAttachments(ds: DataSource, task: Pick<TaskEntity, 'id' | 'form'>, data: unknown): Promise<ApiError | null> {
  if (!task.form || data === undefined) return null;
  const ids = TASK_FORMS.attachmentIds(task.form as TaskForm, data);
  if (!ids.length) return null;
  // An answer its schema did not read (a human task's other outcomes keep data as given) may hold anything: only well-formed ids are looked up.
  const wellFormed = ids.filter((id) => UUID.test(id));
  const own: Array<{ id: string }> = await ds.query(`SELECT id FROM attachments WHERE task_id = $1 AND deleted_at IS NULL AND id = ANY($2::uuid[])`, [task.id, wellFormed]);
  const known = new Set(own.map((r) => r.id));
  const foreign = ids.filter((id) => !known.has(id.toLowerCase()));
  return foreign.length ? new ApiError('INVALID_FORM_DATA', `表单引用的附件不是本任务已上传的附件（可能已删除）：${foreign.slice(0, 5).join('、')}${foreign.length > 5 ? `等${foreign.length}个` : ''}；请先上传到本任务再填写`) : null;
}
