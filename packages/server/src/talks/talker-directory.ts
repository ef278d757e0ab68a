import { pathIds, type TalkerDirectory, type TalkerOrg, type PostHolder } from '@qingfeng/core';
import { sql } from 'kysely';
import type { Executor } from '../db/types.js';

/**
 * The part of the org tree the talker rule needs for subjects in the given orgs: those orgs and
 * their ancestors, the dispatched groups that supervise any of them, and the current post holders
 * of all these. `'all'` loads the whole tree (a plan for the district).
 */
export async function loadTalkerDirectory(db: Executor, subjectOrgIds: number[] | 'all'): Promise<TalkerDirectory> {
  let orgRows: { id: number; parent_id: number | null; kind: string; path: string }[];
  if (subjectOrgIds === 'all') {
    orgRows = await db.selectFrom('orgs').select(['id', 'parent_id', 'kind', 'path']).where('retired_at', 'is', null).execute();
  } else {
    const own = subjectOrgIds.length ? await db.selectFrom('orgs').select('path').where('id', 'in', subjectOrgIds).execute() : [];
    const chainIds = [...new Set(own.flatMap((o) => pathIds(o.path)))];
    orgRows = chainIds.length ? await db.selectFrom('orgs').select(['id', 'parent_id', 'kind', 'path']).where('id', 'in', chainIds).execute() : [];
  }
  const ids = orgRows.map((o) => o.id);
  const supervisions = ids.length
    ? await db
        .selectFrom('org_supervisions')
        .innerJoin('orgs', 'orgs.id', 'org_supervisions.group_org_id')
        .select(['org_supervisions.group_org_id', 'org_supervisions.org_id'])
        .where('orgs.retired_at', 'is', null)
        .$if(subjectOrgIds !== 'all', (q) => q.where('org_supervisions.org_id', 'in', ids))
        .execute()
    : [];
  const holderOrgIds = [...new Set([...ids, ...supervisions.map((s) => s.group_org_id)])];
  const holderRows = holderOrgIds.length
    ? await db
        .selectFrom('post_assignments as a')
        .innerJoin('posts as s', 's.id', 'a.post_id')
        .innerJoin('people as p', 'p.id', 'a.person_id')
        .select(['a.person_id', 's.org_id', 's.name', 's.is_leadership', 'p.is_principal_leader'])
        .where('a.ended_on', 'is', null)
        .where('p.retired_at', 'is', null)
        .where('s.retired_at', 'is', null)
        .$if(subjectOrgIds !== 'all', (q) => q.where(sql<boolean>`s.org_id = ANY(${sql.val(holderOrgIds)}::int[])`))
        .execute()
    : [];
  const orgs = new Map<number, TalkerOrg>(orgRows.map((o) => [o.id, { id: o.id, parentId: o.parent_id, kind: o.kind }]));
  const supervisedBy = new Map<number, number[]>();
  for (const s of supervisions) supervisedBy.set(s.org_id, [...(supervisedBy.get(s.org_id) ?? []), s.group_org_id]);
  const holders = new Map<number, PostHolder[]>();
  for (const h of holderRows) {
    const list = holders.get(h.org_id) ?? [];
    list.push({ personId: h.person_id, orgId: h.org_id, postName: h.name, isLeadershipPost: h.is_leadership, isPrincipalLeader: h.is_principal_leader });
    holders.set(h.org_id, list);
  }
  return { orgs, supervisedBy, holders };
}
