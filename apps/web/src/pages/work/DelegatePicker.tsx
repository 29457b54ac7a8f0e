import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';

interface Props {
  taskId: string;
  /** Given by Form.Item: the chosen person's user id. */
  value?: string;
  onChange?: (userId: string) => void;
  /** The chosen person's name, which the delegation records beside the id. */
  onPick: (displayName: string) => void;
}

/** Whom to delegate a task to: the people the API offers for it (GET /tasks/{id}/delegates), searched by name as typed. */
export function DelegatePicker({ taskId, value, onChange, onPick }: Props) {
  const [q, setQ] = useState('');
  const found = useQuery({
    // Not under ['tasks']: an action invalidates those, and once delegated the task offers nobody (403).
    queryKey: ['delegates', taskId, q],
    queryFn: () => unwrap(api.GET('/tasks/{id}/delegates', { params: { path: { id: taskId }, query: q ? { q } : {} } })),
    placeholderData: (previous) => previous,
  });
  const candidates = found.data?.candidates ?? [];
  return (
    <Select
      aria-label="受托人"
      placeholder="输入姓名搜索"
      value={value}
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text.trim()) }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '正在查找…' : '管辖范围内没有找到此人'}
      options={candidates.map((c) => ({ value: c.userId, label: c.displayName, where: `${c.organisationName} · ${c.roleLabel}` }))}
      // The name, and on its own line where they serve: long names wrap instead of being cut off, and two of one name differ.
      optionRender={(option) => (
        <div className="delegate-option">
          <div>{option.data.label}</div>
          <div className="delegate-option-where">{option.data.where}</div>
        </div>
      )}
      onChange={(userId: string) => {
        onChange?.(userId);
        onPick(candidates.find((c) => c.userId === userId)?.displayName ?? '');
      }}
    />
  );
}
