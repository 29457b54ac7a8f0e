import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type InboxQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;
export type InboxPage = Json<paths['/tasks']['get']['responses'][200]>;
export type InboxItem = InboxPage['items'][number];
export type InboxFilterOptions = Json<paths['/tasks/filters']['get']['responses'][200]>;
export type TaskDetail = Json<paths['/tasks/{id}']['get']['responses'][200]>;
export type AvailableAction = TaskDetail['availableActions'][number];
export type Outcome = NonNullable<AvailableAction['outcomes']>[number];
export type ActionBody = NonNullable<paths['/tasks/{id}/actions']['post']['requestBody']>['content']['application/json'];
export type DecisionBody = NonNullable<paths['/tasks/{id}/decision']['post']['requestBody']>['content']['application/json'];
export type NominationDetail = Json<paths['/nominations/{id}']['get']['responses'][200]>;
export type Consultation = Json<paths['/consultations/{id}']['get']['responses'][200]>;

/** Kinds whose positive decision carries no form, so several can be approved with one opinion. */
export const BULK_APPROVABLE_KINDS: ReadonlySet<string> = new Set(['nomination_review']);
export const isBulkApprovable = (t: Pick<InboxItem, 'kind' | 'form' | 'status'>) => t.status === 'open' && !t.form && BULK_APPROVABLE_KINDS.has(t.kind);
export type CopiedPage = Json<paths['/me/copies']['get']['responses'][200]>;
export type CopiedItem = CopiedPage['items'][number];
export type CopyBody = NonNullable<paths['/tasks/{id}/copies']['post']['requestBody']>['content']['application/json'];
