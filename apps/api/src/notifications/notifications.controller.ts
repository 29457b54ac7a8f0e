import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import {
  deliveriesQuery,
  deliveryExample,
  deliverySchema,
  notificationExample,
  notificationSchema,
  notificationSettingsExample,
  notificationSettingsSchema,
  readSchema,
  replaceNotificationSettingsSchema,
  unreadCountSchema,
} from './notifications.responses';
import { NotificationsService } from './notifications.service';

const notificationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

@ApiTags('通知')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Endpoint({
    summary: '提醒、逾期、督办、催办与结果通知（站内）',
    description: '发给调用者本人的，以及发给其所任组织与角色的通知；readAt 为调用者本人的已读时间。',
    ok: { status: 200, description: '按时间倒序', schema: z.array(notificationSchema), example: [notificationExample] },
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: notificationsQuery }) q: z.infer<typeof notificationsQuery>) {
    return this.notifications.list(p, q.limit);
  }

  @Get('unread-count')
  @Endpoint({
    summary: '调用者未读的站内通知数（页头显示）',
    ok: { status: 200, description: '未读数', schema: unreadCountSchema, example: { unread: 3 } },
  })
  unread(@CurrentPrincipal() p: Principal) {
    return this.notifications.unreadCount(p);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Endpoint({
    summary: '将一条通知标记为本人已读',
    description: '发给某组织与角色的通知，每位任该职的人各自已读。重复标记不改变首次已读时间。不是发给调用者的通知视为不存在。',
    ok: { status: 200, description: '已读', schema: readSchema, example: { id: notificationExample.id, readAt: '2026-03-02T02:00:00.000Z' } },
    errors: ['NOT_FOUND'],
  })
  read(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.notifications.markRead(p, id);
  }
}

@ApiTags('通知')
@ApiBearerAuth()
@Controller('me')
export class NotificationSettingsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notification-settings')
  @Endpoint({
    summary: '本人的通知设置：每类通知的站外渠道、接收邮箱与免打扰时段',
    description: '站内通知始终保留；未设置时各类通知只在站内。',
    ok: { status: 200, description: '通知设置', schema: notificationSettingsSchema, example: notificationSettingsExample },
  })
  get(@CurrentPrincipal() p: Principal) {
    return this.notifications.settings(p);
  }

  @Put('notification-settings')
  @Endpoint({
    summary: '整体替换本人的通知设置',
    description: '任何一项不符合要求（邮箱格式、选用电子邮件却未填邮箱、渠道重复、免打扰起止相同）时整体不保存（422）。之后产生的通知按新设置投递；开启每日摘要后，站外通知先“待汇总”，每天在设定时间按渠道汇总为一条摘要发送。',
    ok: { status: 200, description: '保存后的通知设置', schema: notificationSettingsSchema, example: notificationSettingsExample },
    errors: ['INVALID_NOTIFICATION_SETTINGS'],
  })
  replace(@CurrentPrincipal() p: Principal, @Body({ schema: replaceNotificationSettingsSchema }) body: z.infer<typeof replaceNotificationSettingsSchema>) {
    return this.notifications.replaceSettings(p, body);
  }

  @Get('notification-deliveries')
  @Endpoint({
    summary: '本人的站外通知投递情况：待发送、已发送、已失败（含原因）、待汇总、已汇入每日摘要',
    ok: { status: 200, description: '按时间倒序', schema: z.array(deliverySchema), example: [deliveryExample] },
  })
  mine(@CurrentPrincipal() p: Principal, @Query({ schema: deliveriesQuery }) q: z.infer<typeof deliveriesQuery>) {
    return this.notifications.mine(p, q.status, q.limit);
  }
}

@ApiTags('通知')
@ApiBearerAuth()
@Controller('notification-deliveries')
export class NotificationDeliveriesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Endpoint({
    summary: '管理员查看本辖区的站外通知投递情况',
    description: '列出在管理员所辖组织及其下级任职的人的投递；只有管理员可以查看（403），看不到其他辖区的。',
    ok: { status: 200, description: '按时间倒序', schema: z.array(deliverySchema), example: [deliveryExample] },
    errors: ['FORBIDDEN'],
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: deliveriesQuery }) q: z.infer<typeof deliveriesQuery>) {
    return this.notifications.subtree(p, q.status, q.limit);
  }
}
