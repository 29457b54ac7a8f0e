import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import type { paths } from '../api/schema';

type Organisation = paths['/organisations']['get']['responses'][200]['content']['application/json'][number];

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The organisations the user may see, as their tree (committees only: branches are what a ledger lists). */
export function useVisibleCommittees() {
  return useQuery({
    queryKey: ['organisations', 'committees'],
    queryFn: () => unwrap(api.GET('/organisations')).then((all) => all.filter((o) => o.level !== 'branch' && o.level !== 'agency')),
    staleTime: 5 * 60_000,
  });
}

function toTree(orgs: Organisation[]): TreeNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { value: o.id, title: o.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const o of orgs) {
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(o.id)!);
  }
  return roots;
}

/** Picks one organisation of the user's subtree. */
export function OrganisationPicker({ value, onChange, id }: { value?: string; onChange: (id: string) => void; id?: string }) {
  const orgs = useVisibleCommittees();
  const tree = useMemo(() => toTree(orgs.data ?? []), [orgs.data]);
  return (
    <TreeSelect
      id={id}
      aria-label="组织"
      style={{ width: '100%', maxWidth: 420 }}
      value={value}
      onChange={onChange}
      treeData={tree}
      loading={orgs.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder="选择党委"
    />
  );
}
