import { z } from 'zod';
import { ORG_LEVELS, ROLES } from '../../../../libs/domain/src';
import { EXAMPLE, id } from '../openapi/schemas';

export const currentUserSchema = z.strictObject({
  id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.strictObject({ role: z.enum(ROLES), organisationId: id, organisationName: z.string(), level: z.enum(ORG_LEVELS) })),
});

export const currentUserExample: z.infer<typeof currentUserSchema> = {
  id: EXAMPLE.userId,
  username: 'tsq-cyjd.reviewer',
  displayName: '泰山区财源街道党工委审核人',
  roles: [{ role: 'reviewer', organisationId: EXAMPLE.committeeId, organisationName: '中共泰山区财源街道工作委员会', level: 'grassroots_committee' }],
};

export const loginResponseSchema = z.strictObject({
  accessToken: z.string().describe('访问令牌（JWT），放入 Authorization: Bearer 头'),
  expiresIn: z.int().describe('有效期（秒）'),
  user: currentUserSchema,
});

export const loginResponseExample: z.infer<typeof loginResponseSchema> = {
  accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5ZTFhM2M1ZSJ9.c2lnbmF0dXJl',
  expiresIn: 28800,
  user: currentUserExample,
};
