import { Space, Tag, Tooltip } from 'antd';
import { THRESHOLD_SHORT_LABELS, type Threshold, figureText } from './types';

/** Each threshold as a tag: its figure, green when met, red when not; the basis on hover. */
export function ThresholdTags({ rows }: { rows: Array<Pick<Threshold, 'key' | 'figure' | 'met'> & { basis?: string }> }) {
  return (
    <Space wrap size={[4, 4]}>
      {rows.map((t) => (
        <Tooltip key={t.key} title={t.basis}>
          <Tag color={t.met ? 'green' : 'red'}>
            {THRESHOLD_SHORT_LABELS[t.key]} {figureText(t.key, t.figure)} {t.met ? '达到' : '未达到'}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
