// Who handles a clue (分办): the township commission for its subtree, the dispatched group for the
// units it supervises, the district centre otherwise. A report about the commission's own principal
// leader goes to the commission above (检举控告工作规则: 反映本级纪委主要负责人的问题，直接报上一级纪委).

export interface RoutingTree {
  /** The commission (the tree's root, kind commission): the centre handles in its name. */
  centre: { orgId: number; path: string };
  townships: { orgId: number; path: string }[];
  groups: { orgId: number; path: string; supervisedPaths: string[] }[];
}

export interface ClueSubject {
  /** The subject org's path (a person's org when the subject is a person), null when unknown. */
  orgPath: string | null;
  /** The subject person is the commission's principal leader (一把手). */
  concernsCommissionPrincipal: boolean;
}

export type Route = { kind: 'above' } | { kind: 'township' | 'group' | 'centre'; orgId: number };

/** An org handles nothing about itself or an org above it: the handler must lie outside the subject. */
const outside = (handlerPath: string, subjectPath: string) => !handlerPath.startsWith(subjectPath);

export function routeClue(tree: RoutingTree, subject: ClueSubject): Route {
  if (subject.concernsCommissionPrincipal) return { kind: 'above' };
  const path = subject.orgPath;
  if (path === null) return { kind: 'centre', orgId: tree.centre.orgId };
  // The commission itself (or its whole tree) is the subject: only the commission above can look.
  if (!outside(tree.centre.path, path)) return { kind: 'above' };
  // The nearest township commission above the subject, when the subject is not that commission.
  const township = tree.townships
    .filter((t) => path.startsWith(t.path) && outside(t.path, path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (township) return { kind: 'township', orgId: township.orgId };
  const group = tree.groups.find((g) => outside(g.path, path) && g.supervisedPaths.some((p) => path.startsWith(p)));
  if (group) return { kind: 'group', orgId: group.orgId };
  return { kind: 'centre', orgId: tree.centre.orgId };
}

/** The kinds of org that handle clues: a manual reassignment must name one of them. */
export const HANDLER_ORG_KINDS = ['commission', 'dispatched_group', 'township_commission'] as const;

/**
 * Is an account of `actorOrg` one of the handler's people? The handler org's own staff, and the staff
 * of its internal sections (the centre is a section of the commission, 预警信息中心).
 */
export function actsForHandler(actorOrg: { id: number; parentId: number | null; kind: string } | null, handlerOrgId: number): boolean {
  if (!actorOrg) return false;
  return actorOrg.id === handlerOrgId || (actorOrg.kind === 'section' && actorOrg.parentId === handlerOrgId);
}

/**
 * The subject never sees the clue: the subject person, and every account whose org is the subject
 * org or lies under it. `actorOrgPath` is the path of the account's org.
 */
export function isSubjectOf(actor: { personId: number | null; orgPath: string | null }, subject: { personId: number | null; orgPath: string | null }): boolean {
  if (actor.personId !== null && subject.personId !== null && actor.personId === subject.personId) return true;
  return actor.orgPath !== null && subject.orgPath !== null && actor.orgPath.startsWith(subject.orgPath);
}
