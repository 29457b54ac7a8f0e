import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** 附件3 as the API takes it (POST /nominations). */
export type SubmitBody = Json<paths['/nominations']['post']['requestBody']>;
export type NominationFormValues = SubmitBody['form'];
export type Honour = NonNullable<NominationFormValues['honours']>[number];
export type HonourLevel = Honour['level'];
export type NominationDetail = Json<paths['/nominations/{id}']['get']['responses'][200]>;
export type NominationListItem = Json<paths['/nominations']['get']['responses'][200]>['items'][number];
export type NominationStatus = NominationListItem['status'];
export type NominationProgress = Json<paths['/nominations/{id}/progress']['get']['responses'][200]>;
export type AttachmentRules = Json<paths['/nominations/attachment-rules']['get']['responses'][200]>;
