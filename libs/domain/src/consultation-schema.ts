import { z } from 'zod';
import { AGENCY_KINDS, type AgencyKind, BRANCH_DOMAINS, BRANCH_DOMAIN_LABELS, type BranchDomain } from './organisation';

// Apart from consultation.ts: workflows use the lists, never this schema (zod stays out of their sandbox; core.ts).

/** A list as an administrator sends it: every domain, each with the kinds consulted, none twice. */
export const consultationRulesSchema = z.strictObject(
  Object.fromEntries(
    BRANCH_DOMAINS.map((d) => [
      d,
      z
        .array(z.enum(AGENCY_KINDS, { error: `${BRANCH_DOMAIN_LABELS[d]}：征求意见单位类别须为 ${AGENCY_KINDS.join('、')} 之一` }), { error: `须列出${BRANCH_DOMAIN_LABELS[d]}党支部征求意见的单位类别` })
        .min(1, `${BRANCH_DOMAIN_LABELS[d]}党支部至少征求一类单位的意见`)
        .max(AGENCY_KINDS.length)
        .refine((kinds) => new Set(kinds).size === kinds.length, `${BRANCH_DOMAIN_LABELS[d]}：同一类单位不能重复列出`)
        // Said in the JSON Schema too, so clients (and Schemathesis) know a repeated kind is refused.
        .meta({ uniqueItems: true })
        .describe(`${BRANCH_DOMAIN_LABELS[d]}党支部征求意见的单位类别`),
    ]),
  ) as unknown as Record<BranchDomain, z.ZodType<AgencyKind[]>>,
  { error: `须按领域（${BRANCH_DOMAINS.join('、')}）逐一列出征求意见的单位类别` },
);
