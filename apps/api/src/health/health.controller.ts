import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { type TemporalHandle, temporalReachable } from '../../../../libs/temporal-client/src';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG, TEMPORAL } from '../tokens';
import { Endpoint } from '../openapi/endpoint';
import { healthSchema, healthyExample, unhealthyExample } from './health.responses';

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL) private readonly temporal: TemporalHandle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Endpoint({
    summary: 'API、数据库与 Temporal 的运行状态',
    ok: [
      { status: 200, description: '各依赖均正常', schema: healthSchema, example: healthyExample },
      { status: 503, description: '数据库或 Temporal 不可用', schema: healthSchema, example: unhealthyExample },
    ],
  })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([
      this.ds.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      temporalReachable(this.temporal, this.config.TEMPORAL_NAMESPACE).then((ok) => (ok ? ('up' as const) : ('down' as const))),
    ]);
    const ok = database === 'up' && temporal === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'up' : 'down', message: ok ? '运行正常' : '部分依赖不可用', checks: { api: 'up', database, temporal } };
  }
}
