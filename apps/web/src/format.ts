import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Every date is shown in Beijing time, whatever the device's zone. */
export const ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string): string {
  return dayjs(iso).tz(ZONE).format('YYYY年M月D日 HH:mm');
}

export function formatDate(iso: string): string {
  return dayjs(iso).tz(ZONE).format('YYYY年M月D日');
}

export { dayjs };
