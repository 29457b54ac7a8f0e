import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '../../../libs/config/src';
import type { ApiMetrics } from './metrics/api-metrics';
import { NominationGateway, ProcessGateway, type TemporalHandle } from '../../../libs/temporal-client/src';
import { AttachmentsController } from './attachments/attachments.controller';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AttachmentRows } from './attachments/attachment-rows';
import { AttachmentsService } from './attachments/attachments.service';
import { TaskAttachmentsController } from './attachments/task-attachments.controller';
import { TaskAttachmentsService } from './attachments/task-attachments.service';
import { UploadInterceptor } from './attachments/upload.interceptor';
import { IdempotencyInterceptor } from './common/idempotency';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle.service';
import { CalendarController } from './calendar/calendar.controller';
import { ConsultationListsController } from './consultation-lists/consultation-lists.controller';
import { CampaignDashboardService } from './campaigns/campaign-dashboard.service';
import { CampaignRunService } from './campaigns/campaign-run.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { ConsultationsController } from './consultations/consultations.controller';
import { DocumentsController } from './documents/documents.controller';
import { HealthController } from './health/health.controller';
import { HefeiDocumentsController } from './hefei/hefei-documents.controller';
import { HefeiController } from './hefei/hefei.controller';
import { HefeiReadService } from './hefei/hefei-read.service';
import { OrganisationComplianceController, WujinController } from './wujin/wujin.controller';
import { WujinDocumentsController } from './wujin/wujin-documents.controller';
import { WujinReadService } from './wujin/wujin-read.service';
import { WujinSubjectsController } from './wujin/wujin-subjects.controller';
import { WujinSubjectsService } from './wujin/wujin-subjects.service';
import { ReElectionDelaysController } from './wujin/re-election-delays.controller';
import { ReElectionDelaysService } from './wujin/re-election-delays.service';
import { ZiboController } from './zibo/zibo.controller';
import { ZiboReadService } from './zibo/zibo-read.service';
import { LiangshanController } from './liangshan/liangshan.controller';
import { LiangshanDocumentsController } from './liangshan/liangshan-documents.controller';
import { LiangshanService } from './liangshan/liangshan.service';
import { OccurrencesController, OccurrencesService } from './obligations/occurrences.controller';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { NominationsController } from './nominations/nominations.controller';
import { NoticesController, PublicNoticesController } from './notices/notices.controller';
import { NoticesService } from './notices/notices.service';
import { NominationsService } from './nominations/nominations.service';
import { OrganisationsController } from './organisations/organisations.controller';
import { ProcessesController } from './processes/processes.controller';
import { RubricsController } from './rubrics/rubrics.controller';
import { RubricsService } from './rubrics/rubrics.service';
import { OrganisationsService } from './organisations/organisations.service';
import { CopiedToMeController, TasksController } from './tasks/tasks.controller';
import { NotificationDeliveriesController, NotificationSettingsController, NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OpinionPhrasesController } from './me/opinion-phrases.controller';
import { OpinionPhrasesService } from './me/opinion-phrases.service';
import { TasksService } from './tasks/tasks.service';
import { APP_CONFIG, LOGGER, NOMINATION_GATEWAY, PROCESS_GATEWAY, TEMPORAL } from './tokens';

/** What the API is handed at start-up; tests hand it their own database and Temporal. */
export interface ApiDependencies {
  config: AppConfig;
  dataSource: DataSource;
  temporal: TemporalHandle;
  logger: Logger;
  /** Request and pool metrics, when API_METRICS_PORT is not 0 (served apart: serveApiMetrics). */
  metrics?: ApiMetrics;
}

@Module({})
export class AppModule {
  static forRoot(deps: ApiDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // The secret as a KeyObject: given the string, jsonwebtoken tries it as a PEM public key first on every verify
        // (a thrown and caught error per request, ~5% of the API's CPU under submissions) before taking it as a secret.
        JwtModule.register({ secret: createSecretKey(Buffer.from(deps.config.JWT_SECRET)), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'public', ttl: deps.config.PUBLIC_RATE_WINDOW_SECONDS * 1000, limit: deps.config.PUBLIC_RATE_LIMIT }],
          errorMessage: '提交过于频繁，请稍后再试',
        }),
      ],
      controllers: [
        AuthController,
        HealthController,
        OrganisationsController,
        NominationsController,
        TasksController,
        CopiedToMeController,
        NotificationsController,
        NotificationSettingsController,
        NotificationDeliveriesController,
        OpinionPhrasesController,
        CalendarController,
        ConsultationListsController,
        ProcessesController,
        CampaignsController,
        ConsultationsController,
        DocumentsController,
        AttachmentsController,
        TaskAttachmentsController,
        NoticesController,
        PublicNoticesController,
        LedgerController,
        AuditController,
        HefeiController,
        HefeiDocumentsController,
        RubricsController,
        WujinController,
        WujinDocumentsController,
        OrganisationComplianceController,
        WujinSubjectsController,
        ZiboController,
        ReElectionDelaysController,
        LiangshanController,
        LiangshanDocumentsController,
        OccurrencesController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: TEMPORAL, useValue: deps.temporal },
        { provide: LOGGER, useValue: deps.logger },
        { provide: NOMINATION_GATEWAY, useValue: new NominationGateway(deps.temporal.client, deps.config.TEMPORAL_TASK_QUEUE) },
        { provide: PROCESS_GATEWAY, useValue: new ProcessGateway(deps.temporal.client, deps.config.TEMPORAL_TASK_QUEUE) },
        { provide: APP_GUARD, useClass: AuthGuard },
        // In this order: an upload is read before the idempotency key's fingerprint covers it.
        { provide: APP_INTERCEPTOR, useClass: UploadInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        AuthService,
        LoginThrottle,
        OrganisationsService,
        NominationsService,
        TasksService,
        NotificationsService,
        OpinionPhrasesService,
        NoticesService,
        CampaignRunService,
        CampaignDashboardService,
        AttachmentRows,
        AttachmentsService,
        TaskAttachmentsService,
        LedgerService,
        AuditService,
        HefeiReadService,
        RubricsService,
        WujinReadService,
        WujinSubjectsService,
        ZiboReadService,
        ReElectionDelaysService,
        LiangshanService,
        OccurrencesService,
      ],
    };
  }
}
