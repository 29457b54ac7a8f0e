import { z } from 'zod';

const state = z.enum(['up', 'down']);

export const healthSchema = z.strictObject({
  status: state,
  message: z.string(),
  checks: z.strictObject({ api: z.literal('up'), database: state, temporal: state }),
});

export const healthyExample: z.infer<typeof healthSchema> = { status: 'up', message: '运行正常', checks: { api: 'up', database: 'up', temporal: 'up' } };
export const unhealthyExample: z.infer<typeof healthSchema> = { status: 'down', message: '部分依赖不可用', checks: { api: 'up', database: 'up', temporal: 'down' } };
