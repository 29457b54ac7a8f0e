import { z } from 'zod';
import { EXAMPLE, id, timestamp } from '../openapi/schemas';

export const consultationSchema = z.strictObject({
  id,
  title: z.string(),
  status: z.enum(['open', 'completed']),
  dueAt: timestamp,
  organisationId: id.describe('征求意见的党委'),
  candidates: z.array(z.strictObject({ id: z.string(), name: z.string(), domain: z.string().nullable(), status: z.enum(['pending', 'cleared', 'objected', 'vetoed']) })),
  answers: z
    .array(
      z.strictObject({
        agencyId: id,
        agencyName: z.string(),
        candidateId: z.string(),
        answer: z.enum(['no_objection', 'objection', 'veto', 'no_answer']),
        reason: z.string(),
        gapOpinion: z.string().nullable().describe('逾期未复时，征求意见的党委记录缺项并继续研究的理由'),
        answeredAt: timestamp,
      }),
    )
    .describe('被征求意见单位只看到本单位的答复'),
});

/** The consultation workflow's state after an answer (libs/contracts ConsultationView). */
export const consultationViewSchema = z.strictObject({
  consultationId: id,
  status: z.enum(['open', 'completed']),
  agencies: z.array(z.strictObject({ organisationId: id, name: z.string(), status: z.enum(['pending', 'answered', 'no_answer']), dueAt: timestamp })),
  candidates: z.array(z.strictObject({ id: z.string(), name: z.string(), verdict: z.enum(['cleared', 'objected', 'vetoed', 'pending']) })),
});

const agencyId = '0d2f4b6d-8f0a-4d2f-9b6d-8f0a2d4f6b8d';

export const consultationExample: z.infer<typeof consultationSchema> = {
  id: EXAMPLE.consultationId,
  title: '征求意见：泰山区红旗党支部拟推荐对象',
  status: 'open',
  dueAt: '2026-04-10T16:00:00.000Z',
  organisationId: EXAMPLE.cityManagedId,
  candidates: [{ id: EXAMPLE.nominationId, name: '财源街道东岳社区党支部', domain: 'urban_community', status: 'cleared' }],
  answers: [{ agencyId, agencyName: '泰山区纪委监委', candidateId: EXAMPLE.nominationId, answer: 'no_objection', reason: '', gapOpinion: null, answeredAt: EXAMPLE.at }],
};

export const consultationViewExample: z.infer<typeof consultationViewSchema> = {
  consultationId: EXAMPLE.consultationId,
  status: 'open',
  agencies: [{ organisationId: agencyId, name: '泰山区纪委监委', status: 'answered', dueAt: '2026-04-10T16:00:00.000Z' }],
  candidates: [{ id: EXAMPLE.nominationId, name: '财源街道东岳社区党支部', verdict: 'pending' }],
};
