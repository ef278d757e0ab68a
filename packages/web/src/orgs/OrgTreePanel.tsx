import { SearchOutlined } from '@ant-design/icons';
import { Card, Empty, Input, Space, Spin, Switch, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Org } from './api';
import { OrgKindTag } from './OrgKindTag';
import { useOrgs } from './OrgsContext';
import { buildOrgTree, collectIds, filterOrgTree, type OrgNode } from './tree';

function highlight(name: string, q: string): ReactNode {
  if (!q) return name;
  const i = name.indexOf(q);
  if (i < 0) return name;
  return (
    <>
      {name.slice(0, i)}
      <mark>{name.slice(i, i + q.length)}</mark>
      {name.slice(i + q.length)}
    </>
  );
}

function toTreeData(nodes: OrgNode[], q: string): DataNode[] {
  return nodes.map(({ org, children }) => ({
    key: org.id,
    title: (
      <span className={`qf-org-node${org.retiredAt ? ' qf-org-node-retired' : ''}`} data-testid={`org-node-${org.id}`} data-org-name={org.name}>
        <span className="qf-org-node-name">{highlight(org.name, q)}</span>
        <OrgKindTag kind={org.kind} short />
        {org.retiredAt && <Typography.Text type="secondary">已撤销</Typography.Text>}
      </span>
    ),
    children: children.length ? toTreeData(children, q) : undefined,
  }));
}

/** Ids of the ancestors of `id` that are in the list (to reveal a node). */
function ancestorsOf(id: number, byId: Map<number, Org>): number[] {
  const out: number[] = [];
  let cur = byId.get(id);
  while (cur && cur.parentId !== null && byId.has(cur.parentId)) {
    out.push(cur.parentId);
    cur = byId.get(cur.parentId);
  }
  return out;
}

interface Props {
  selectedId: number | null;
  onSelect: (id: number) => void;
  extra?: ReactNode;
}

export function OrgTreePanel({ selectedId, onSelect, extra }: Props) {
  const { all, active, byId, loading } = useOrgs();
  const [q, setQ] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [expanded, setExpanded] = useState<number[] | null>(null);

  const fullTree = useMemo(() => buildOrgTree(showRetired ? all : active), [all, active, showRetired]);
  const term = q.trim();
  const tree = useMemo(
    () => (term ? filterOrgTree(fullTree, (o) => o.name.includes(term) || (o.shortName ?? '').includes(term) || (o.code ?? '').toLowerCase() === term.toLowerCase()) : fullTree),
    [fullTree, term],
  );
  const treeData = useMemo(() => toTreeData(tree, term), [tree, term]);

  // First load: the roots open (a district user sees the commission's children, a township user its own units).
  useEffect(() => {
    if (expanded === null && fullTree.length) {
      const open = new Set(fullTree.map((n) => n.org.id));
      if (selectedId) for (const a of ancestorsOf(selectedId, byId)) open.add(a);
      setExpanded([...open]);
    }
  }, [expanded, fullTree, selectedId, byId]);

  // A node selected from elsewhere (a link, a new child) is revealed.
  useEffect(() => {
    if (!selectedId || expanded === null) return;
    const missing = ancestorsOf(selectedId, byId).filter((a) => !expanded.includes(a));
    if (missing.length) setExpanded([...expanded, ...missing]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, byId]);

  const expandedKeys = term ? collectIds(tree) : (expanded ?? []);

  return (
    <Card
      className="qf-orgs-tree-card"
      title="组织机构"
      size="small"
      extra={extra}
      styles={{ body: { paddingTop: 12 } }}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
          placeholder="搜索组织名称、简称或代码"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="org-search"
        />
        <Space size={6}>
          <Switch size="small" checked={showRetired} onChange={setShowRetired} data-testid="org-show-retired" id="org-show-retired" />
          <label htmlFor="org-show-retired">显示已撤销</label>
        </Space>
        <div className="qf-orgs-tree-scroll">
          {loading && all.length === 0 ? (
            <Spin style={{ display: 'block', margin: '40px auto' }} />
          ) : treeData.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={term ? '没有匹配的组织' : '暂无组织'} />
          ) : (
            <Tree
              blockNode
              showLine={{ showLeafIcon: false }}
              treeData={treeData}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => {
                if (keys.length) onSelect(Number(keys[0]));
              }}
              data-testid="org-tree"
            />
          )}
        </div>
      </Space>
    </Card>
  );
}
