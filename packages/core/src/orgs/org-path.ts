// The tree is stored as materialised paths of ids: "1.5.23." — every descendant's path starts
// with its ancestor's, so a subtree is one indexed prefix match.
export const rootPath = (id: number): string => `${id}.`;
export const childPath = (parentPath: string, id: number): string => `${parentPath}${id}.`;

export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Moving an org under one of its own descendants (or itself) would make a cycle. */
export function moveCreatesCycle(orgPath: string, newParentPath: string): boolean {
  return isInSubtree(newParentPath, orgPath);
}

/** The new path of a node (or any of its descendants) after its subtree moves under newParentPath. */
export function rebasePath(path: string, oldOrgPath: string, newOrgPath: string): string {
  if (!path.startsWith(oldOrgPath)) throw new Error(`path ${path} is not under ${oldOrgPath}`);
  return newOrgPath + path.slice(oldOrgPath.length);
}

export const pathDepth = (path: string): number => path.split('.').length - 2;

export const pathIds = (path: string): number[] =>
  path.split('.').filter(Boolean).map(Number);
