import { z } from 'zod';
import { ATTACHMENT_KINDS, HONOUR_LEVELS, NOMINATION_STATUSES, ROLES } from '../../../../libs/domain/src';
import { EXAMPLE, id, page, timestamp } from '../openapi/schemas';

const ref = z.strictObject({ id, name: z.string() });

export const attachmentSummarySchema = z.strictObject({
  id,
  filename: z.string(),
  kind: z.enum(Object.keys(ATTACHMENT_KINDS) as [keyof typeof ATTACHMENT_KINDS]),
  contentType: z.string(),
  sizeBytes: z.int().min(1),
  createdAt: timestamp,
});

/** A nomination as listed. */
export const nominationSchema = z.strictObject({
  id,
  campaignYear: z.int(),
  status: z.enum(NOMINATION_STATUSES),
  statusLabel: z.string(),
  branch: ref,
  grassrootsCommittee: ref.extend({ name: z.string().nullable() }).nullable().describe('直属市管党委的党支部为 null'),
  cityManagedCommittee: ref.extend({ name: z.string().nullable() }).nullable(),
  form: z.strictObject({
    secretaryName: z.string(),
    secretaryPhone: z.string(),
    basicSituation: z.string(),
    honours: z.array(z.strictObject({ title: z.string(), level: z.enum(HONOUR_LEVELS), year: z.int() })),
    mainDeeds: z.string(),
  }),
  submittedAt: timestamp,
  updatedAt: timestamp,
});

/** A nomination with every step of its review, its open tasks and its attachments. */
export const nominationDetailSchema = nominationSchema.extend({
  steps: z.array(
    z.strictObject({
      id,
      step: z.enum(['submission', 'grassroots_review', 'resubmission']),
      action: z.enum(['submitted', 'approve', 'return', 'reject', 'resubmitted']),
      actionLabel: z.string(),
      opinion: z.string(),
      organisationId: id,
      organisationName: z.string(),
      actorName: z.string(),
      actorRole: z.string(),
      taskId: id.nullable(),
      at: timestamp,
    }),
  ),
  openTasks: z.array(z.strictObject({ id, title: z.string(), organisationId: id, role: z.enum(ROLES), createdAt: timestamp })),
  attachments: z.array(attachmentSummarySchema.omit({ kind: true })),
});

export const nominationPageSchema = page(nominationSchema);

/** Started, not yet confirmed by a worker (202). */
export const nominationAcceptedSchema = z.strictObject({ id, status: z.literal('registering'), message: z.string() });

const form = {
  secretaryName: '张三',
  secretaryPhone: '13800000000',
  basicSituation: '党员32名，支部委员5名',
  honours: [{ title: '山东省先进基层党组织', level: 'provincial' as const, year: 2024 }],
  mainDeeds: '带领群众发展特色产业，村集体收入三年翻番',
};

export const nominationExample: z.infer<typeof nominationSchema> = {
  id: EXAMPLE.nominationId,
  campaignYear: 2026,
  status: 'under_review',
  statusLabel: '审核中',
  branch: { id: EXAMPLE.branchId, name: '财源街道东岳社区党支部' },
  grassrootsCommittee: { id: EXAMPLE.committeeId, name: '中共泰山区财源街道工作委员会' },
  cityManagedCommittee: { id: EXAMPLE.cityManagedId, name: '中共泰山区委员会' },
  form,
  submittedAt: EXAMPLE.at,
  updatedAt: EXAMPLE.at,
};

export const nominationDetailExample: z.infer<typeof nominationDetailSchema> = {
  ...nominationExample,
  steps: [
    {
      id: '0b2d4f6a-8c0e-4b2d-9f6a-8c0e2b4d6f8a',
      step: 'submission',
      action: 'submitted',
      actionLabel: '提交申报',
      opinion: '',
      organisationId: EXAMPLE.branchId,
      organisationName: '财源街道东岳社区党支部',
      actorName: '财源街道东岳社区党支部书记',
      actorRole: 'submitter',
      taskId: null,
      at: EXAMPLE.at,
    },
  ],
  openTasks: [{ id: EXAMPLE.taskId, title: '审核推荐申报：财源街道东岳社区党支部', organisationId: EXAMPLE.committeeId, role: 'reviewer', createdAt: EXAMPLE.at }],
  attachments: [{ id: EXAMPLE.attachmentId, filename: '事迹材料.pdf', contentType: 'application/pdf', sizeBytes: 182044, createdAt: EXAMPLE.at }],
};

export const nominationAcceptedExample: z.infer<typeof nominationAcceptedSchema> = {
  id: EXAMPLE.nominationId,
  status: 'registering',
  message: '申报已受理，正在登记，请稍后刷新查看',
};

export const attachmentUploadedSchema = attachmentSummarySchema.omit({ createdAt: true }).extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const attachmentUploadedExample: z.infer<typeof attachmentUploadedSchema> = {
  id: EXAMPLE.attachmentId,
  filename: '事迹材料.pdf',
  kind: 'pdf',
  contentType: 'application/pdf',
  sizeBytes: 182044,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};
