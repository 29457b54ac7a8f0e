import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../format';
import { fieldLabel, isIdField, valueLabel } from './sectionLabels';

type Json = unknown;
type Row = Record<string, Json>;

const isRecord = (v: Json): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A tally (counts by status or grade): every value a number. */
export const isTally = (v: Json): v is Record<string, number> => isRecord(v) && Object.values(v).length > 0 && Object.values(v).every((n) => typeof n === 'number');

/** One scalar as a person reads it: dates in Beijing time, yes/no, a status by its name. */
function scalar(field: string, v: Json, statuses: Record<string, string>): ReactNode {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? <Tag color="green">是</Tag> : <Tag color="red">否</Tag>;
  if (typeof v === 'number') return field.toLowerCase().endsWith('share') ? `${Math.round(v * 1000) / 10}%` : v;
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(`${v}T12:00:00+08:00`);
    return valueLabel(field, v, statuses);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
  return null;
}

function TallyTags({ field, tally, statuses }: { field: string; tally: Record<string, number>; statuses: Record<string, string> }) {
  return (
    <Space wrap size={[4, 4]}>
      {Object.entries(tally).map(([k, n]) => (
        <Tag key={k}>
          {valueLabel(field, k, statuses)}：{n}
        </Tag>
      ))}
    </Space>
  );
}

function RowsTable({ rows, statuses }: { rows: Row[]; statuses: Record<string, string> }) {
  if (!rows.length) return <Typography.Text type="secondary">暂无</Typography.Text>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !isIdField(k));
  // A status shown by its label needs no second column with its code.
  const shown = keys.filter((k) => !(keys.includes(`${k}Label`) && !k.endsWith('Label')));
  const nested = shown.filter((k) => rows.some((r) => Array.isArray(r[k]) && (r[k] as Json[]).some(isRecord)) || rows.some((r) => isRecord(r[k]) && !isTally(r[k])));
  const flat = shown.filter((k) => !nested.includes(k));
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => String(r.id ?? r.nominationId ?? r.consultationId ?? r.committeeId ?? r.branchId ?? JSON.stringify(r))}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={flat.map((k) => ({
        title: fieldLabel(k),
        dataIndex: k,
        render: (v: Json) => (isTally(v) ? <TallyTags field={k} tally={v} statuses={statuses} /> : scalar(k, v, statuses)),
      }))}
      expandable={
        nested.length
          ? {
              expandedRowRender: (r) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {nested.map((k) => (
                    <div key={k}>
                      <Typography.Text strong>{fieldLabel(k)}</Typography.Text>
                      <SectionView value={r[k]} statuses={statuses} />
                    </div>
                  ))}
                </Space>
              ),
            }
          : undefined
      }
    />
  );
}

/**
 * Renders whatever a process's dashboard section holds: lists as tables, figures as a description,
 * tallies as tags, nested parts below, so a new process's sections show without a screen of their own.
 */
export function SectionView({ value, statuses }: { value: Json; statuses: Record<string, string> }) {
  if (Array.isArray(value)) return <RowsTable rows={value.filter(isRecord)} statuses={statuses} />;
  if (!isRecord(value)) return <>{scalar('', value, statuses)}</>;
  const entries = Object.entries(value);
  const simple = entries.filter(([, v]) => !Array.isArray(v) && (!isRecord(v) || isTally(v)));
  const parts = entries.filter(([, v]) => Array.isArray(v) || (isRecord(v) && !isTally(v)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {simple.length > 0 && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          {simple.map(([k, v]) => (
            <Descriptions.Item key={k} label={fieldLabel(k)}>
              {isTally(v) ? <TallyTags field={k} tally={v} statuses={statuses} /> : scalar(k, v, statuses)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {parts.map(([k, v]) => (
        <div key={k}>
          <Typography.Text strong>{fieldLabel(k)}</Typography.Text>
          <SectionView value={v} statuses={statuses} />
        </div>
      ))}
    </Space>
  );
}
