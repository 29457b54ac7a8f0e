import type { paths } from '../../api/schema';
import { isDepartmentAdministrator } from '../../session/session';

export type RubricSummary = paths['/rubrics']['get']['responses'][200]['content']['application/json'][number];
export type RubricDetail = paths['/rubrics/{code}']['get']['responses'][200]['content']['application/json'];
export type RubricArea = RubricDetail['areas'][number];
export type NewVetoItem = paths['/rubrics/{code}/veto-items']['post']['requestBody']['content']['application/json'];

/** Veto items are added by an organisation (or political) department's administrator; the server checks the same. */
export const mayAddVetoItems = isDepartmentAdministrator;
