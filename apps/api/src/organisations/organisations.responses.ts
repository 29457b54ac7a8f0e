import { z } from 'zod';
import { AGENCY_KINDS, BRANCH_DOMAINS, ORG_LEVELS } from '../../../../libs/domain/src';
import { EXAMPLE, id } from '../openapi/schemas';

export const organisationSchema = z.strictObject({
  id,
  code: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  levelLabel: z.string(),
  domain: z.enum(BRANCH_DOMAINS).nullable().describe('党支部所属领域；其他层级为 null'),
  domainLabel: z.string().nullable(),
  agencyKind: z.enum(AGENCY_KINDS).nullable().describe('征求意见单位的类别；其他层级为 null'),
  parentId: id.nullable(),
  memberCount: z.int().min(0).nullable().describe('党支部党员人数（合肥附件2：不足3名重点帮扶、无党员列入清理）；未登记为 null'),
});

export const organisationExample: z.infer<typeof organisationSchema> = {
  id: EXAMPLE.branchId,
  code: 'tsq-cyjd-b01',
  name: '财源街道东岳社区党支部',
  level: 'branch',
  levelLabel: '党支部',
  domain: 'urban_community',
  domainLabel: '城市社区',
  agencyKind: null,
  parentId: EXAMPLE.committeeId,
  memberCount: 32,
};
