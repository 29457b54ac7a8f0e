import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '../../../libs/config/src';
import { NominationGateway, type TemporalHandle } from '../../../libs/temporal-client/src';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { CalendarController } from './calendar/calendar.controller';
import { HealthController } from './health/health.controller';
import { NominationsController } from './nominations/nominations.controller';
import { NominationsService } from './nominations/nominations.service';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { APP_CONFIG, LOGGER, NOMINATION_GATEWAY, TEMPORAL } from './tokens';

/** What the API is handed at start-up; tests hand it their own database and Temporal. */
export interface ApiDependencies {
  config: AppConfig;
  dataSource: DataSource;
  temporal: TemporalHandle;
  logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [JwtModule.register({ secret: deps.config.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } })],
      controllers: [AuthController, HealthController, OrganisationsController, NominationsController, TasksController, CalendarController],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: TEMPORAL, useValue: deps.temporal },
        { provide: LOGGER, useValue: deps.logger },
        { provide: NOMINATION_GATEWAY, useValue: new NominationGateway(deps.temporal.client, deps.config.TEMPORAL_TASK_QUEUE) },
        { provide: APP_GUARD, useClass: AuthGuard },
        AuthService,
        OrganisationsService,
        NominationsService,
        TasksService,
      ],
    };
  }
}
