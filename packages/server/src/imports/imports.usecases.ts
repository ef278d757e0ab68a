import { childPath, orgPathInScopes, rootPath, scopesFor, type Actor, type OrgKind, type ImportResult, type RowIssue } from '@qingfeng/core';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { lockOrgsShared, lockOrgTree, newOrgValues, nextOrgIds } from '../orgs/orgs.repository.js';
import { newPersonValues } from '../people/people.repository.js';
import { today } from '../people/people.usecases.js';
import { requirePermission } from '../policy/scope.js';
import {
  findOpenPostsInScope,
  findOrgsByCodeInScope,
  orgIdsByCode,
  postKey,
  registeredIdNumbers,
  rootOrgExists,
  takenOrgCodes,
  type ScopedOrg,
} from './imports.repository.js';
import { ORG_COLUMNS, ORG_SHEET, PEOPLE_COLUMNS, PEOPLE_SHEET } from './imports.template.js';
import { parseImportWorkbook, type OrgDraft, type ParsedWorkbook, type PersonDraft } from './imports.workbook.js';

// 批量导入组织与人员: every row is checked against the file and the database first and every problem
// is reported; only a file without a single problem is written, all of it in one transaction.

export interface ImportCounts {
  orgsCreated: number;
  peopleCreated: number;
  postsCreated: number;
}


/** Where a row's org is: already in the database, or another row of the `组织` sheet (by code). */
type OrgRef = { db: ScopedOrg } | { file: string };

interface PlannedOrg {
  code: string;
  name: string;
  kind: OrgKind;
  sortOrder: number;
  /** null: the new top of the tree (only into an empty tree). */
  parent: OrgRef | null;
}

interface PlannedPost {
  org: OrgRef;
  name: string;
  isLeadership: boolean;
}

interface PlannedPerson {
  draft: PersonDraft & { name: string; idNumber: string };
  org: OrgRef;
  /** An open post of the org, or the key of a post this import creates. */
  post: { id: number } | { newKey: string } | null;
}

interface ImportPlan {
  /** Parents before children. */
  orgs: PlannedOrg[];
  posts: Map<string, PlannedPost>;
  people: PlannedPerson[];
  issues: RowIssue[];
}

const refKey = (ref: OrgRef) => ('db' in ref ? `db:${ref.db.id}` : `file:${ref.file}`);
const orgLabel = (o: ScopedOrg) => `「${o.name}」（${o.code}）`;

/**
 * A path the org will have once written, with 0 standing in for ids not yet taken. Scope rules are
 * prefix tests on paths (or exact ids, which a new org cannot match), so it answers "will this new
 * org lie within the actor's scope" exactly as the real path would.
 */
function prospectivePaths(orgs: PlannedOrg[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const o of orgs) {
    if (o.parent === null) {
      paths.set(o.code, rootPath(0));
      continue;
    }
    const parentPath = 'db' in o.parent ? o.parent.db.path : paths.get(o.parent.file);
    if (parentPath !== undefined) paths.set(o.code, childPath(parentPath, 0));
  }
  return paths;
}

async function planOrgs(db: Executor, actor: Actor, drafts: OrgDraft[], issues: RowIssue[]) {
  const problem = (row: number, field: string, message: string) => issues.push({ sheet: ORG_SHEET, row, field, message });

  // Codes: unique within the file and not taken in the database.
  const byCode = new Map<string, OrgDraft>();
  for (const o of drafts) {
    if (o.code === null) continue;
    const first = byCode.get(o.code);
    if (first) problem(o.row, '组织代码', `组织代码重复（第${first.row}行）`);
    else byCode.set(o.code, o);
  }
  for (const code of await takenOrgCodes(db, [...byCode.keys()])) problem(byCode.get(code)!.row, '组织代码', `组织代码「${code}」已存在`);

  // Parents: an org of the file, or one in the database within the actor's scope for orgs.write.
  const writeScopes = scopesFor(actor, 'orgs.write');
  const dbCodes = [...new Set(drafts.flatMap((o) => (o.parentCode !== null && !byCode.has(o.parentCode) ? [o.parentCode] : [])))];
  const dbParents = await findOrgsByCodeInScope(db, actor, 'orgs.write', dbCodes);
  const hasRoot = await rootOrgExists(db);
  const parentOf = new Map<OrgDraft, OrgRef | null>();
  let rootRow: number | null = null;
  for (const o of drafts) {
    if (o.bad.has('上级组织代码')) continue;
    if (o.parentCode === null) {
      if (hasRoot) problem(o.row, '上级组织代码', '上级组织代码不能为空');
      else if (!writeScopes.some((s) => s.kind === 'all')) problem(o.row, '上级组织代码', '上级组织代码不能为空（只有全区范围的账户可以新建顶级组织）');
      else if (rootRow !== null) problem(o.row, '上级组织代码', `只能有一个顶级组织（第${rootRow}行已是顶级组织），上级组织代码不能为空`);
      else {
        rootRow = o.row;
        parentOf.set(o, null);
      }
    } else if (o.parentCode === o.code) {
      problem(o.row, '上级组织代码', '上级组织不能是本组织自身');
    } else if (byCode.has(o.parentCode)) {
      parentOf.set(o, { file: o.parentCode });
    } else {
      const parent = dbParents.get(o.parentCode);
      if (!parent) problem(o.row, '上级组织代码', `上级组织代码「${o.parentCode}」不存在或不在您的权限范围内`);
      else if (parent.retired_at) problem(o.row, '上级组织代码', `上级组织${orgLabel(parent)}已撤销`);
      else parentOf.set(o, { db: parent });
    }
  }

  // The file's own tree, parents first (Kahn); whatever is left hangs on a cycle.
  const nodes = [...byCode.values()];
  const children = new Map<string, OrgDraft[]>();
  const queue: OrgDraft[] = [];
  for (const o of nodes) {
    const p = parentOf.get(o);
    if (p && 'file' in p) children.set(p.file, [...(children.get(p.file) ?? []), o]);
    else queue.push(o);
  }
  const ordered: OrgDraft[] = [];
  for (let i = 0; i < queue.length; i++) {
    const o = queue[i]!;
    ordered.push(o);
    queue.push(...(children.get(o.code!) ?? []));
  }
  const placed = new Set(ordered);
  const onCycle = new Set<OrgDraft>();
  for (const start of nodes) {
    if (placed.has(start) || onCycle.has(start)) continue;
    // Follow the parents until one repeats: the loop from there is the cycle.
    const walk: OrgDraft[] = [];
    const seen = new Set<OrgDraft>();
    let cur = start;
    while (!seen.has(cur) && !onCycle.has(cur)) {
      walk.push(cur);
      seen.add(cur);
      cur = byCode.get((parentOf.get(cur) as { file: string }).file)!;
    }
    if (onCycle.has(cur)) continue; // hangs below a cycle already reported
    const cycle = walk.slice(walk.indexOf(cur));
    const codes = [...cycle.map((o) => o.code), cycle[0]!.code].join(' → ');
    for (const o of cycle) {
      onCycle.add(o);
      problem(o.row, '上级组织代码', `上级组织关系构成循环：${codes}（第${cycle.map((c) => c.row).join('、')}行）`);
    }
  }

  const orgs: PlannedOrg[] = ordered.flatMap((o) => {
    const parent = parentOf.get(o);
    return o.name !== null && o.kind !== null && parent !== undefined ? [{ code: o.code!, name: o.name, kind: o.kind, sortOrder: o.sortOrder, parent }] : [];
  });

  // A child of a new org: that new org must itself lie within the actor's scope for orgs.write.
  const paths = prospectivePaths(orgs);
  for (const o of orgs) {
    if (o.parent === null || 'db' in o.parent) continue;
    const parentPath = paths.get(o.parent.file);
    if (parentPath !== undefined && !orgPathInScopes(writeScopes, 0, parentPath)) {
      problem(byCode.get(o.code)!.row, '上级组织代码', `上级组织「${o.parent.file}」（第${byCode.get(o.parent.file)!.row}行）将不在您维护组织的权限范围内，不能在其下新建组织`);
    }
  }
  return { orgs, byCode, paths };
}

async function planPeople(db: Executor, actor: Actor, drafts: PersonDraft[], fileOrgs: Map<string, OrgDraft>, paths: Map<string, string>, issues: RowIssue[]) {
  const problem = (row: number, field: string, message: string) => issues.push({ sheet: PEOPLE_SHEET, row, field, message });

  // ID numbers: unique within the file and not registered yet (whose they are is not said).
  const byId = new Map<string, PersonDraft>();
  for (const p of drafts) {
    if (p.idNumber === null) continue;
    const first = byId.get(p.idNumber);
    if (first) problem(p.row, '身份证号', `身份证号重复（第${first.row}行）`);
    else byId.set(p.idNumber, p);
  }
  for (const id of await registeredIdNumbers(db, [...byId.keys()])) problem(byId.get(id)!.row, '身份证号', '身份证号已登记');

  // Orgs: one of the file, or one in the database within the actor's scope for people.write.
  const writeScopes = scopesFor(actor, 'people.write');
  const dbCodes = [...new Set(drafts.flatMap((p) => (p.orgCode !== null && !fileOrgs.has(p.orgCode) ? [p.orgCode] : [])))];
  const dbOrgs = await findOrgsByCodeInScope(db, actor, 'people.write', dbCodes);
  const orgOf = new Map<PersonDraft, OrgRef>();
  for (const p of drafts) {
    if (p.orgCode === null) continue;
    if (fileOrgs.has(p.orgCode)) {
      const path = paths.get(p.orgCode);
      if (path !== undefined && !orgPathInScopes(writeScopes, 0, path)) {
        problem(p.row, '所属组织代码', `所属组织「${p.orgCode}」（组织表第${fileOrgs.get(p.orgCode)!.row}行）将不在您维护人员的权限范围内`);
      } else orgOf.set(p, { file: p.orgCode });
      continue;
    }
    const org = dbOrgs.get(p.orgCode);
    if (!org) problem(p.row, '所属组织代码', `所属组织代码「${p.orgCode}」不存在或不在您的权限范围内`);
    else if (org.retired_at) problem(p.row, '所属组织代码', `所属组织${orgLabel(org)}已撤销`);
    else orgOf.set(p, { db: org });
  }

  // Posts: an open post of that name in the org, or a new one (created once per org and name).
  const withPost = drafts.filter((p) => p.postName !== null && orgOf.has(p));
  const dbOrgIds = [...new Set(withPost.flatMap((p) => { const o = orgOf.get(p)!; return 'db' in o ? [o.db.id] : []; }))];
  const open = await findOpenPostsInScope(db, actor, dbOrgIds, [...new Set(withPost.map((p) => p.postName!))]);
  const posts = new Map<string, PlannedPost>();
  const people: PlannedPerson[] = [];
  for (const p of drafts) {
    const org = orgOf.get(p);
    if (!org || p.name === null || p.idNumber === null) continue;
    let post: PlannedPerson['post'] = null;
    if (p.postName !== null) {
      const existing = 'db' in org ? open.get(postKey(org.db.id, p.postName)) : undefined;
      if (existing !== undefined) post = { id: existing };
      else {
        const newKey = `${refKey(org)}\u0000${p.postName}`;
        const planned = posts.get(newKey);
        // A new post counts as a leadership post when a leadership-team member is to hold it.
        if (planned) planned.isLeadership ||= p.isLeadershipMember;
        else posts.set(newKey, { org, name: p.postName, isLeadership: p.isLeadershipMember });
        post = { newKey };
      }
    }
    people.push({ draft: p as PlannedPerson['draft'], org, post });
  }
  return { people, posts };
}

const COLUMN_ORDER = new Map<string, number>([...ORG_COLUMNS.map((c, i) => [`${ORG_SHEET}:${c}`, i] as const), ...PEOPLE_COLUMNS.map((c, i) => [`${PEOPLE_SHEET}:${c}`, i] as const)]);
const sheetOrder = (s: string) => (s === ORG_SHEET ? 0 : 1);

/** Checks every row against the file and the database; writes nothing. */
export async function planImport(db: Executor, actor: Actor, parsed: ParsedWorkbook): Promise<ImportPlan> {
  const issues = [...parsed.issues];
  const { orgs, byCode, paths } = await planOrgs(db, actor, parsed.orgs, issues);
  const { people, posts } = await planPeople(db, actor, parsed.people, byCode, paths, issues);
  issues.sort(
    (a, b) =>
      sheetOrder(a.sheet) - sheetOrder(b.sheet) ||
      a.row - b.row ||
      (COLUMN_ORDER.get(`${a.sheet}:${a.field}`) ?? 99) - (COLUMN_ORDER.get(`${b.sheet}:${b.field}`) ?? 99),
  );
  return { orgs, posts, people, issues };
}

const CHUNK = 500;
async function insertChunks<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

/** Writes a plan without problems, inside the caller's transaction. */
async function writePlan(trx: Executor, plan: ImportPlan, now: Date): Promise<void> {
  // Orgs, parents first: each path is its parent's path plus its own id, taken up front.
  const ids = await nextOrgIds(trx, plan.orgs.length);
  const placed = new Map<string, { id: number; path: string }>();
  const orgRows = plan.orgs.map((o, i) => {
    const parent = o.parent === null ? null : 'db' in o.parent ? o.parent.db : placed.get(o.parent.file)!;
    const row = newOrgValues(ids[i]!, parent, o, now);
    placed.set(o.code, { id: ids[i]!, path: row.path });
    return row;
  });
  await insertChunks(orgRows, (chunk) => trx.insertInto('orgs').values(chunk).execute());
  const orgId = (ref: OrgRef) => ('db' in ref ? ref.db.id : placed.get(ref.file)!.id);

  const postIds = new Map<string, number>();
  const newPosts = [...plan.posts.entries()];
  await insertChunks(newPosts, async (chunk) => {
    const rows = await trx
      .insertInto('posts')
      .values(chunk.map(([, p]) => ({ org_id: orgId(p.org), name: p.name, duties: null, is_leadership: p.isLeadership, created_at: now, updated_at: now })))
      .returning(['id', 'org_id', 'name'])
      .execute();
    const byOrgAndName = new Map(rows.map((r) => [postKey(r.org_id, r.name), r.id]));
    for (const [key, p] of chunk) postIds.set(key, byOrgAndName.get(postKey(orgId(p.org), p.name))!);
  });

  const personIds = new Map<string, number>();
  await insertChunks(plan.people, async (chunk) => {
    const rows = await trx
      .insertInto('people')
      .values(chunk.map(({ draft: d, org }) => newPersonValues({ ...d, orgId: orgId(org) }, now)))
      .returning(['id', 'id_number'])
      .execute();
    for (const r of rows) personIds.set(r.id_number, r.id);
  });

  const startedOn = today(now);
  const assignments = plan.people.flatMap(({ draft, post }) =>
    post === null ? [] : [{ person_id: personIds.get(draft.idNumber)!, post_id: 'id' in post ? post.id : postIds.get(post.newKey)!, started_on: startedOn }],
  );
  await insertChunks(assignments, (chunk) => trx.insertInto('post_assignments').values(chunk).execute());
}

/**
 * Locks what a write of this file adds to, as createOrg and createPerson do, before the plan reads
 * it: the org tree shared (a move, which takes it exclusively, waits for the import or is waited
 * for, so the parents' paths read stand until commit), then the existing orgs the file names as
 * parents or as people's orgs FOR SHARE, in the order of ids. A retirement of one of them that came
 * first is then seen by the plan (refused row by row); one that comes second waits and counts the
 * import's people and children.
 */
async function lockImportTargets(trx: Executor, parsed: ParsedWorkbook): Promise<void> {
  await lockOrgTree(trx, 'shared');
  const fileCodes = new Set(parsed.orgs.flatMap((o) => (o.code === null ? [] : [o.code])));
  const named = [...parsed.orgs.map((o) => o.parentCode), ...parsed.people.map((p) => p.orgCode)];
  const dbCodes = [...new Set(named.flatMap((c) => (c === null || fileCodes.has(c) ? [] : [c])))];
  await lockOrgsShared(trx, await orgIdsByCode(trx, dbCodes));
}

/**
 * Imports the orgs and people of an uploaded template. With `dryRun` it only checks. Any problem
 * in any row: 422 with every problem listed, and nothing written.
 */
export async function importOrgsAndPeople(ctx: AppContext, actor: Actor, file: { buffer: Buffer; fileName: string }, dryRun: boolean): Promise<ImportResult> {
  requirePermission(actor, 'people.import');
  const parsed = await parseImportWorkbook(file.buffer);
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction().execute(async (trx) => {
      // A dry run writes nothing and need not hold up a move or a retirement.
      if (!dryRun) await lockImportTargets(trx, parsed);
      const plan = await planImport(trx, actor, parsed);
      if (plan.issues.length) {
        throw new AppError('import.rows_invalid', `导入数据有 ${plan.issues.length} 处错误，未导入任何记录；请按错误清单改正后重新上传`, { rows: plan.issues });
      }
      const counts: ImportCounts = { orgsCreated: plan.orgs.length, peopleCreated: plan.people.length, postsCreated: plan.posts.size };
      if (dryRun) return { dryRun: true, ...counts };
      await writePlan(trx, plan, now);
      // One entry for the whole import: the rows are bulk-inserted and their per-record events
      // (ORG_CREATED, PERSON_CREATED, POST_CREATED, POST_ASSIGNED) are deliberately not emitted;
      // this entry, its time and its actor identify every record the import created.
      await recordAudit(
        trx,
        actor,
        {
          action: 'IMPORT_COMPLETED',
          objectType: 'import',
          orgId: actor.orgId,
          summary: `批量导入「${file.fileName}」：新建组织 ${counts.orgsCreated} 个、人员 ${counts.peopleCreated} 名、岗位 ${counts.postsCreated} 个`,
          after: { fileName: file.fileName, ...counts, orgCodes: plan.orgs.map((o) => o.code) },
        },
        now,
      );
      return { dryRun: false, ...counts };
    });
  } catch (e) {
    // Checked inside the same transaction, so only a concurrent writer can get here.
    if (isUniqueViolation(e)) throw new AppError('import.rows_invalid', '导入期间有相同的组织代码或身份证号被他人录入，未导入任何记录，请重新上传', { rows: [] });
    throw e;
  }
}
