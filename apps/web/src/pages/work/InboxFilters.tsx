import { useQuery } from '@tanstack/react-query';
import { Checkbox, Flex, Input, Select } from 'antd';
import { api, unwrap } from '../../api/client';
import type { InboxQuery } from './types';

export type Filters = Pick<InboxQuery, 'process' | 'stage' | 'kind' | 'organisationId' | 'q'> & { overdue?: 'true' };

/** The inbox's filters: process, stage, kind and organisation from the user's open tasks, a search by branch, late only. */
export function InboxFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const options = useQuery({ queryKey: ['tasks', 'filters'], queryFn: () => unwrap(api.GET('/tasks/filters')) });
  const o = options.data;
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const stages = (o?.stages ?? []).filter((s) => !value.process || s.process === value.process);
  const select = (label: string, key: 'process' | 'stage' | 'kind' | 'organisationId', items: Array<{ value: string; label: string }>, extra: Partial<Filters> = {}) => (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      className="inbox-filter"
      loading={options.isPending}
      value={value[key]}
      options={items}
      onChange={(v: string | undefined) => set({ [key]: v ?? undefined, ...extra })}
      popupMatchSelectWidth={false}
    />
  );
  return (
    <Flex wrap gap={8} className="inbox-filters" role="search" aria-label="筛选待办">
      <Input.Search
        aria-label="按党支部名称搜索"
        placeholder="按党支部名称搜索"
        allowClear
        className="inbox-search"
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
      />
      {select('流程', 'process', o?.processes ?? [], { stage: undefined })}
      {select('环节', 'stage', stages)}
      {select('任务类型', 'kind', o?.kinds ?? [])}
      {select('组织', 'organisationId', o?.organisations ?? [])}
      <Checkbox checked={value.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
        只看已逾期
      </Checkbox>
    </Flex>
  );
}
