import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CalendarYearMissing, WorkingCalendar, chinaStartOfDay, periodEnd } from '../../../../libs/domain/src';
import { loadCalendarBundle, replaceCalendarYear } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { ApiError, forbidden, notFound } from '../common/api-error';

const yearParam = z.coerce.number({ error: '年份必须是数字' }).int().min(1949).max(2200);
const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

const yearBody = z.strictObject({
  source: z.string().trim().min(1, '请注明数据来源，如国务院办公厅通知文号').max(200),
  note: z.string().trim().max(1000).default(''),
  days: z
    .array(
      z.strictObject({
        date: isoDate,
        kind: z.enum(['holiday', 'adjusted_workday'], { error: '类型必须是 holiday（放假）或 adjusted_workday（调休上班）' }),
        name: z.string().trim().min(1).max(50),
      }),
    )
    .min(1, '至少录入一天')
    .max(200),
});

const periodQuery = z.strictObject({
  start: isoDate,
  amount: z.coerce.number().int().min(0).max(366),
  unit: z.enum(['calendar_days', 'working_days']),
});

/** China's holidays and adjusted working days, as the deadlines use them; administrators keep them current. */
@ApiTags('工作日历')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly ds: DataSource) {}

  @Get('years')
  @ApiOperation({ summary: '已录入节假日安排的年份' })
  years() {
    return this.ds.query(
      `SELECT y.year, y.source, y.note, y.updated_at AS "updatedAt",
              count(d.date) FILTER (WHERE d.kind = 'holiday')::int AS holidays,
              count(d.date) FILTER (WHERE d.kind = 'adjusted_workday')::int AS "adjustedWorkdays"
         FROM calendar_years y LEFT JOIN calendar_days d ON d.year = y.year
        GROUP BY y.year ORDER BY y.year`,
    );
  }

  @Get('years/:year')
  @ApiOperation({ summary: '某年的放假与调休安排' })
  async year(@Param('year', { schema: yearParam }) year: number) {
    const [row] = await this.ds.query(`SELECT year, source, note, updated_at AS "updatedAt" FROM calendar_years WHERE year = $1`, [year]);
    if (!row) throw notFound(`${year}年的节假日安排`);
    const days = await this.ds.query(`SELECT date::text AS date, kind, name FROM calendar_days WHERE year = $1 ORDER BY date`, [year]);
    return { ...row, days };
  }

  @Put('years/:year')
  @ApiOperation({ summary: '录入或更正某年的放假与调休安排（管理员）' })
  async replace(
    @CurrentPrincipal() p: Principal,
    @Param('year', { schema: yearParam }) year: number,
    @Body({ schema: yearBody }) body: z.infer<typeof yearBody>,
  ) {
    const grant = p.grants.find((g) => g.role === 'administrator');
    if (!grant) throw forbidden('只有管理员可以维护节假日安排');
    const outside = body.days.filter((d) => !d.date.startsWith(`${year}-`));
    if (outside.length) throw new ApiError('DATE_OUTSIDE_YEAR', `日期不属于${year}年：${outside.map((d) => d.date).join('、')}`);
    const dates = body.days.map((d) => d.date);
    const repeated = dates.filter((d, i) => dates.indexOf(d) !== i);
    if (repeated.length) throw new ApiError('DATE_REPEATED', `日期重复：${[...new Set(repeated)].join('、')}`);
    await replaceCalendarYear(this.ds, year, body.days, body.source, body.note, {
      actorId: p.userId,
      actorName: p.displayName,
      actorRole: grant.role,
      organisationId: grant.organisationId,
    });
    return this.year(year);
  }

  @Get('period-end')
  @ApiOperation({ summary: '计算期限：自某日起若干自然日或工作日后的截止日' })
  async periodEnd(@Query({ schema: periodQuery }) q: z.infer<typeof periodQuery>) {
    const startYear = Number(q.start.slice(0, 4));
    const calendar = new WorkingCalendar(await loadCalendarBundle(this.ds, startYear, startYear + 2));
    try {
      return periodEnd(calendar, chinaStartOfDay(q.start), { amount: q.amount, unit: q.unit });
    } catch (err) {
      if (err instanceof CalendarYearMissing) throw new ApiError('CALENDAR_YEAR_MISSING', err.message);
      throw err;
    }
  }
}
