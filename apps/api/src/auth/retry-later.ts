import { type ErrorCode } from '../../../../libs/contracts/src';
import { ApiError } from '../common/api-error';

/** A refusal that says when to come back: the `Retry-After` header (seconds), the time also in the message. */
export const retryLater = (code: ErrorCode, message: string, seconds: number): ApiError =>
  new ApiError(code, message, undefined, { 'Retry-After': String(seconds) });

const BEIJING = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "3月2日 16:05:07" in Beijing time (built from parts: ICU's zh-CN pattern varies between versions). */
export function beijingTime(at: Date): string {
  const p = Object.fromEntries(BEIJING.formatToParts(at).map((x) => [x.type, x.value]));
  return `${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}:${p.second}`;
}

/** "45秒", "5分钟", "1小时30分钟": how long, rounded up to the unit shown. */
export function chineseDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes}分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}小时${m}分钟` : `${h}小时`;
}

/** When to try again, for a message: "请于北京时间 3月2日 16:05:07（约5分钟后）再试". */
export const retryAt = (until: Date, seconds: number): string => `请于北京时间 ${beijingTime(until)}（约${chineseDuration(seconds)}后）再试`;
