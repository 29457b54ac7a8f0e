import { Progress, Space, Typography } from 'antd';

/**
 * The share of the top grade against its cap (Tai'an's advanced branches under 10%, Hefei's A grade):
 * found in any section that tallies grades, the cap from the section or the campaign's parameters.
 */
export function CapMeter({ byGrade, total, cap, topGrade, topLabel }: { byGrade: Record<string, number>; total: number; cap: number; topGrade: string; topLabel: string }) {
  const top = byGrade[topGrade] ?? 0;
  const share = total ? top / total : 0;
  const over = share > cap + 1e-9;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="cap-meter">
      <Typography.Text>
        {topLabel} {top} 个，占 {total} 个党支部的 {Math.round(share * 1000) / 10}%，比例上限 {Math.round(cap * 1000) / 10}%
        {over ? '（已超出）' : '（未超出）'}
      </Typography.Text>
      <Progress percent={Math.min(100, Math.round((share / cap) * 100))} status={over ? 'exception' : 'normal'} format={() => (over ? '超出上限' : '上限内')} aria-label="占比例上限" />
    </Space>
  );
}
