import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type PublicNotice = Json<paths['/public/notices/{id}']['get']['responses'][200]>;
export type ObjectionBody = Json<paths['/public/notices/{id}/objections']['post']['requestBody']>;
export type ObjectionLodged = Json<paths['/public/notices/{id}/objections']['post']['responses'][201]>;
