import type { Org } from './api';

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/**
 * The tree from the flat, scoped list: an org whose parent is not in the list is a root (a township
 * user sees only the township's subtree; a dispatched group sees the units it supervises).
 */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  for (const org of orgs) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId !== null ? nodes.get(org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.org.sortOrder - b.org.sortOrder || a.org.id - b.org.id);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Keeps the nodes that match and the ancestors that lead to them. */
export function filterOrgTree(nodes: OrgNode[], keep: (org: Org) => boolean): OrgNode[] {
  const out: OrgNode[] = [];
  for (const n of nodes) {
    const children = filterOrgTree(n.children, keep);
    if (keep(n.org) || children.length > 0) out.push({ org: n.org, children });
  }
  return out;
}

export function collectIds(nodes: OrgNode[], into: number[] = []): number[] {
  for (const n of nodes) {
    into.push(n.org.id);
    collectIds(n.children, into);
  }
  return into;
}

export interface OrgSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgSelectNode[];
}

/** Options for a TreeSelect; `disabled` marks nodes that may not be picked. */
export function toSelectTree(nodes: OrgNode[], disabled?: (org: Org) => boolean): OrgSelectNode[] {
  return nodes.map((n) => ({
    value: n.org.id,
    title: n.org.name,
    ...(disabled?.(n.org) ? { disabled: true } : {}),
    ...(n.children.length ? { children: toSelectTree(n.children, disabled) } : {}),
  }));
}
