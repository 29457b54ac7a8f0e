import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PROCESSES } from '../../../../libs/processes/src';
import { processSchema, processesExample } from '../campaigns/campaigns.responses';
import { Endpoint } from '../openapi/endpoint';

/** The processes the engine runs, as their definitions declare them: what a client needs to set up and show any of them. */
@ApiTags('评选活动')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  private readonly described = PROCESSES.map((d) => ({
    id: d.id,
    name: d.name,
    source: d.source,
    stages: d.stages.map((s) => ({ id: s.id, label: s.label })),
    parameters: z.toJSONSchema(d.parameters.overrides, { io: 'input' }) as Record<string, unknown>,
    parametersInForce: z.toJSONSchema(d.parameters.schema, { io: 'output' }) as Record<string, unknown>,
    takesNominations: d.applicationStage !== undefined,
    subjectStatuses: { ...d.subjectStatuses },
    dashboardSections: d.dashboardSections.map((x) => ({ ...x })),
    documents: d.documents.map((x) => ({ ...x })),
    forms: (d.forms ?? []).map((f) => ({ kind: f.kind, label: f.label })),
  }));

  @Get()
  @Endpoint({
    summary: '可运行的流程：名称、阶段、可覆盖的参数（JSON Schema）与对象状态',
    ok: { status: 200, description: '每个已登记的流程', schema: z.array(processSchema), example: processesExample },
  })
  list() {
    return this.described;
  }
}
