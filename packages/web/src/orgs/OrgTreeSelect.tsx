import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { Org } from './api';
import { useOrgs } from './OrgsContext';
import { toSelectTree } from './tree';

type Props = Omit<TreeSelectProps<number | number[]>, 'treeData'> & {
  /** Orgs that are shown but may not be picked. */
  isDisabled?: (org: Org) => boolean;
};

/** A searchable picker over the user's org tree (active orgs). */
export function OrgTreeSelect({ isDisabled, ...props }: Props) {
  const { tree, loading } = useOrgs();
  const treeData = useMemo(() => toSelectTree(tree, isDisabled), [tree, isDisabled]);
  return (
    <TreeSelect<number | number[]>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeData={treeData}
      loading={loading}
      placeholder="选择组织"
      allowClear
      treeDefaultExpandedKeys={tree.map((n) => n.org.id)}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      {...props}
    />
  );
}
