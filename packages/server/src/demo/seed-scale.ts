import { birthDateFromIdNumber, childPath, genderFromIdNumber, isValidIdNumber, pathDepth, type OrgKind } from '@qingfeng/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.recorder.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';
import { isEmpty, seedDemo } from './seed-demo.js';

// `qingfeng seed-scale`: a prefecture-sized tree on top of the demo district, for load tests and
// for seeing the UI with real volumes. 2,000 orgs and 100,000 people, each holding a post. A share
// hangs beneath the demo townships and departments, so the demo accounts' scopes grow too (town1's
// subtree gets about 3,000 people). Deterministic: the same rows on every run and engine.
//
// Orgs are computed here (2,000 rows, batched multi-row inserts: their ids are needed for the
// materialised paths); posts, people and assignments are generated in SQL, set-based.

/** Every org created here has a code with this prefix: it marks a database as already scaled. */
export const SCALE_CODE_PREFIX = 'SCALE-';
export const SCALE_ORGS = 2_000;
export const SCALE_PEOPLE = 100_000;

// Plan of the new orgs. The counts add up to SCALE_ORGS:
//   5 demo townships × 40 villages/communities                           =   200
//  21 demo departments × 8 subordinate units                             =   168
//  40 new townships × (commission + office + 30 villages)                = 1,280
//  32 new departments × (department + 4 sections + 6 subordinate units)  =   352
const VILLAGES_PER_DEMO_TOWNSHIP = 40;
const UNITS_PER_DEMO_DEPARTMENT = 8;
const NEW_TOWNSHIPS = 40;
const VILLAGES_PER_NEW_TOWNSHIP = 30;

// People per org, relative: the total is spread over the orgs by these weights.
const WEIGHT = { village: 7, demoDeptUnit: 8, township: 1, office: 1.2, newVillage: 4, department: 3, section: 1.2, deptUnit: 11 } as const;

const PLACE_A = '青石柳桃松枫梅杏白金龙凤云清明安永兴福长';
const PLACE_B = '桥岗源林溪湾沙川泉山河塘坪庄岭';

const NEW_DEPARTMENTS = [
  '区机关事务管理局', '区医疗保障局', '区退役军人事务局', '区文化和旅游局', '区体育局', '区林业局', '区粮食和物资储备局', '区城市管理局',
  '区司法局', '区档案馆', '区科学技术局', '区工业和信息化局', '区国有资产监督管理委员会', '区税务局', '区气象局', '区供销合作社',
  '区总工会', '区团委', '区妇女联合会', '区残疾人联合会', '区红十字会', '区融媒体中心', '区行政审批局', '区投资促进局',
  '区人民防空办公室', '区地方金融监督管理局', '区乡村振兴局', '区政务服务中心', '区公共资源交易中心', '区城市建设投资集团', '区交通投资集团', '区水务集团',
];
const DEPT_SECTIONS = ['办公室', '财务科', '业务一科', '业务二科'];
const DEPT_UNITS = ['直属第一中心', '直属第二中心', '综合执法大队', '服务站', '管理所', '培训中心'];
const DEMO_DEPT_UNITS = ['事务服务中心', '综合执法大队', '信息中心', '培训中心', '监测站', '管理所', '第一分所', '第二分所'];
const SCHOOLS = ['第二中学', '第三中学', '第四中学', '第二小学', '第三小学', '第四小学', '第五小学', '中心幼儿园'];
const CLINICS = ['第二人民医院', '妇幼保健院', '疾病预防控制中心', '南湖镇卫生院', '北山镇卫生院', '临河乡卫生院', '急救中心', '精神卫生中心'];

// Posts of every new org, by slot: 1 the principal, 2 the deputies, 3 the staff.
const POST_NAMES: Record<'village' | 'section' | 'unit' | 'township_commission', [string, string, string]> = {
  village: ['党组织书记、主任', '副主任', '工作人员'],
  section: ['股（科）长', '副股（科）长', '工作人员'],
  unit: ['主要负责人', '副职', '工作人员'],
  township_commission: ['纪（工）委书记', '纪（工）委副书记', '纪检干事'],
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海波宁燕鹏辉斌宇浩凯欣怡晨雪梅琳晓东亮林峰丹云飞婷颖佳慧瑞博';

interface PlannedOrg {
  id: number;
  parentId: number;
  path: string;
  name: string;
  kind: OrgKind;
  code: string;
  postSet: keyof typeof POST_NAMES;
  weight: number;
}

export interface ScaleSummary {
  orgs: number;
  people: number;
  posts: number;
  assignments: number;
  town1People: number;
  seconds: number;
  demoSeeded: boolean;
}

const place = (i: number) => PLACE_A[i % PLACE_A.length]! + PLACE_B[Math.floor(i / PLACE_A.length) % PLACE_B.length]!;
const baseName = (townName: string) => townName.replace(/纪（工）委$|纪委$/, '');
const villageSuffix = (townName: string) => (townName.includes('街道') ? '社区居民委员会' : '村民委员会');

async function alreadyScaled(db: Executor) {
  return db.selectFrom('orgs').select('id').where('code', 'like', `${SCALE_CODE_PREFIX}%`).limit(1).executeTakeFirst();
}

/** Splits `total` over the weights so that the parts add up exactly (largest remainder). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/**
 * Adds the scale data to a database holding the demo district (an empty database gets the demo
 * district first). Refuses to run twice. One transaction; ANALYZE afterwards.
 */
export async function seedScale(database: Database, now: Date): Promise<ScaleSummary> {
  const started = performance.now();
  let demoSeeded = false;
  if (await isEmpty(database)) {
    await seedDemo(database, now);
    demoSeeded = true;
  }
  const { db } = database;
  if (await alreadyScaled(db)) throw new AppError('request.invalid', `已载入规模测试数据（存在代码以 ${SCALE_CODE_PREFIX} 开头的组织），不能重复载入`);
  const demo = await db.selectFrom('orgs').select(['id', 'path', 'name', 'code', 'kind', 'parent_id']).where('code', 'like', 'SFQ-%').execute();
  const root = demo.find((o) => o.code === 'SFQ-JW');
  if (!root || !demo.some((o) => o.code === 'SFQ-T1')) {
    throw new AppError('request.invalid', '规模测试数据须载入在示范区之上：数据库中没有示范区（代码 SFQ-JW、SFQ-T1）');
  }

  const summary = await db.transaction().execute(async (trx) => {
    // Reserve a block of ids from the orgs sequence: the paths need them before the insert.
    const seq = sql`pg_get_serial_sequence('orgs', 'id')`;
    const first = (await sql<{ id: number }>`SELECT nextval(${seq})::int AS id`.execute(trx)).rows[0]!.id;
    await sql`SELECT setval(${seq}, ${first + SCALE_ORGS - 1})`.execute(trx);
    const plan = planOrgs(first, root, demo);
    if (plan.length !== SCALE_ORGS) throw new Error(`planned ${plan.length} orgs, expected ${SCALE_ORGS}`);

    for (let i = 0; i < plan.length; i += 500) {
      await trx
        .insertInto('orgs')
        .values(
          plan.slice(i, i + 500).map((o, j) => ({
            id: o.id,
            parent_id: o.parentId,
            path: o.path,
            depth: pathDepth(o.path),
            name: o.name,
            kind: o.kind,
            code: o.code,
            sort_order: 1000 + i + j,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }

    const postNames = Object.entries(POST_NAMES).flatMap(([set, names]) => names.map((name, i) => ({ set, slot: i + 1, name })));
    const sets = sql.val(plan.map((o) => o.postSet));
    const ids = sql.val(plan.map((o) => o.id));
    const counts = sql.val(apportion(plan.map((o) => o.weight), SCALE_PEOPLE));
    // The plan and the post names as table functions: `po` and `pn` in the statements below.
    const pn = sql`unnest(${sql.val(postNames.map((p) => p.set))}::text[], ${sql.val(postNames.map((p) => p.slot))}::int[], ${sql.val(
      postNames.map((p) => p.name),
    )}::text[]) AS pn(post_set, slot, name)`;
    const plannedOrgs = sql`unnest(${ids}::int[], ${sets}::text[], ${counts}::int[]) WITH ORDINALITY AS po(org_id, post_set, people, ord)`;

    // Three posts per org.
    const posts = await sql`
      INSERT INTO posts (org_id, name, is_leadership, created_at, updated_at)
      SELECT po.org_id, pn.name, pn.slot < 3, ${now}::timestamptz, ${now}::timestamptz
      FROM ${plannedOrgs} JOIN ${pn} ON pn.post_set = po.post_set
      ORDER BY po.ord, pn.slot`.execute(trx);

    // People: the k-th person of an org is its principal (k = 1), a deputy (k = 2, 3) or staff.
    // The global number n makes the GB 11643 number unique: area code from n % 40, birth date from
    // n / 40 (distinct for n < 480,000), then the ISO 7064 MOD 11-2 check character.
    const people = await sql`
      WITH slots AS (
        SELECT po.org_id, k, row_number() OVER (ORDER BY po.ord, k) - 1 AS n
        FROM ${plannedOrgs} CROSS JOIN LATERAL generate_series(1, po.people) AS k
      ), body AS (
        SELECT org_id, k, n,
               '1302' || lpad((n % 40 + 2)::text, 2, '0') || to_char(DATE '1962-01-01' + (n / 40)::int, 'YYYYMMDD')
                 || lpad(((n * 7919) % 1000)::text, 3, '0') AS b
        FROM slots
      ), person AS (
        SELECT org_id, k, n,
               b || substr('10X98765432', (SELECT sum(substr(b, d, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[d])
                                           FROM generate_series(1, 17) AS d)::int % 11 + 1, 1) AS id_number
        FROM body
      )
      INSERT INTO people (org_id, name, id_number, gender, birth_date, phone, talk_class,
                          is_leadership_member, is_principal_leader, retired_at, created_at, updated_at)
      SELECT org_id,
             substr(${SURNAMES}::text, ((n * 7 + n / 97) % ${SURNAMES.length}::int)::int + 1, 1)
               || substr(${GIVEN}::text, ((n * 13 + n / 31) % ${GIVEN.length}::int)::int + 1, 1)
               || CASE WHEN n % 5 < 3 THEN substr(${GIVEN}::text, ((n * 29 + n / 7) % ${GIVEN.length}::int)::int + 1, 1) ELSE '' END,
             id_number,
             CASE WHEN substr(id_number, 17, 1)::int % 2 = 1 THEN 'male' ELSE 'female' END,
             to_date(substr(id_number, 7, 8), 'YYYYMMDD'),
             '138' || lpad(n::text, 8, '0'),
             CASE WHEN k = 1 THEN 'A' WHEN k <= 3 THEN 'B' ELSE 'C' END,
             k <= 3, k = 1,
             -- one in fifty of the staff has left: kept for history, hidden from default lists
             CASE WHEN k > 3 AND n % 50 = 0 THEN ${now}::timestamptz END,
             ${now}::timestamptz, ${now}::timestamptz
      FROM person
      ORDER BY n`.execute(trx);

    // Each person holds the post of their slot; the post of one who has left ended on the day.
    const today = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const assignments = await sql`
      INSERT INTO post_assignments (person_id, post_id, started_on, ended_on)
      SELECT p.id, s.id, DATE '2016-01-04' + (p.id % 2500), CASE WHEN p.retired_at IS NOT NULL THEN ${today}::date END
      FROM people p
      JOIN ${plannedOrgs} ON po.org_id = p.org_id
      JOIN ${pn} ON pn.post_set = po.post_set
                 AND pn.slot = CASE WHEN p.is_principal_leader THEN 1 WHEN p.is_leadership_member THEN 2 ELSE 3 END
      JOIN posts s ON s.org_id = p.org_id AND s.name = pn.name
      ORDER BY p.id`.execute(trx);

    await checkIdNumbers(trx, plan.map((o) => o.id));
    const town1 = demo.find((o) => o.code === 'SFQ-T1')!;
    const t1 = await trx
      .selectFrom('people')
      .innerJoin('orgs', 'orgs.id', 'people.org_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('orgs.path', 'like', `${town1.path}%`)
      .executeTakeFirstOrThrow();
    const result = {
      orgs: plan.length,
      people: Number(people.numAffectedRows ?? 0),
      posts: Number(posts.numAffectedRows ?? 0),
      assignments: Number(assignments.numAffectedRows ?? 0),
      town1People: t1.n,
    };
    await recordAudit(
      trx,
      { system: '规模测试数据' },
      {
        action: 'DEMO_SEEDED',
        objectType: 'system',
        summary: `载入规模测试数据：${result.orgs} 个组织、${result.people} 名人员、${result.posts} 个岗位（组织代码前缀 ${SCALE_CODE_PREFIX}）`,
      },
      now,
    );
    return result;
  });
  // Fresh statistics, and a visibility map for index-only scans (the name search reads its kept
  // characters of names, 0511, from the index alone); then statistics for what the other triggers
  // filled (schema derived): a server with autovacuum off would plan those tables as empty.
  await database.exec('VACUUM ANALYZE orgs, people, posts, post_assignments, derived.people_name_chars');
  await database.exec('ANALYZE');
  return { ...summary, seconds: (performance.now() - started) / 1000, demoSeeded };
}

/** The ID numbers were built in SQL: check every one with the core's rules before committing. */
async function checkIdNumbers(trx: Executor, orgIds: number[]) {
  const rows = await sql<{ id_number: string; gender: string; birth_date: string }>`
    SELECT id_number, gender, birth_date FROM people WHERE org_id = ANY(${sql.val(orgIds)}::int[])`.execute(trx);
  for (const r of rows.rows) {
    if (!isValidIdNumber(r.id_number) || genderFromIdNumber(r.id_number) !== r.gender || birthDateFromIdNumber(r.id_number) !== r.birth_date) {
      throw new Error(`generated an invalid ID number: ${r.id_number} (${r.gender}, ${r.birth_date})`);
    }
  }
}

type DemoOrgRow = { id: number; path: string; name: string; code: string | null; kind: string; parent_id: number | null };

/** The 2,000 new orgs, with ids from `first` on, parents before children. */
function planOrgs(first: number, root: DemoOrgRow, demo: DemoOrgRow[]): PlannedOrg[] {
  const plan: PlannedOrg[] = [];
  let next = first;
  const add = (parent: { id: number; path: string }, o: Omit<PlannedOrg, 'id' | 'parentId' | 'path'>) => {
    const id = next++;
    const org = { ...o, id, parentId: parent.id, path: childPath(parent.path, id) };
    plan.push(org);
    return org;
  };
  const byCode = (a: DemoOrgRow, b: DemoOrgRow) => ((a.code ?? '') < (b.code ?? '') ? -1 : 1);

  // Villages and communities beneath the demo townships.
  const demoTowns = demo.filter((o) => o.kind === 'township_commission').sort(byCode);
  for (const t of demoTowns) {
    for (let v = 0; v < VILLAGES_PER_DEMO_TOWNSHIP; v++) {
      add(t, {
        name: `${baseName(t.name)}${place(v + 7 * t.id)}${villageSuffix(t.name)}`,
        kind: 'unit',
        code: `${SCALE_CODE_PREFIX}${t.code}-V${v + 1}`,
        postSet: 'village',
        weight: WEIGHT.village,
      });
    }
  }
  // Subordinate units beneath the demo departments.
  const demoDepts = demo.filter((o) => o.kind === 'unit' && o.parent_id === root.id).sort(byCode);
  for (const d of demoDepts) {
    const names = d.code === 'SFQ-JYJ' ? SCHOOLS.map((s) => `示范区${s}`) : d.code === 'SFQ-WJW' ? CLINICS.map((s) => `示范区${s}`) : DEMO_DEPT_UNITS.map((s) => `${d.name}${s}`);
    for (let u = 0; u < UNITS_PER_DEMO_DEPARTMENT; u++) {
      add(d, { name: names[u]!, kind: 'unit', code: `${SCALE_CODE_PREFIX}${d.code}-U${u + 1}`, postSet: 'unit', weight: WEIGHT.demoDeptUnit });
    }
  }
  // New townships, each with its office and villages.
  for (let t = 0; t < NEW_TOWNSHIPS; t++) {
    const town = `${place(t * 3 + 1)}镇`;
    const code = `${SCALE_CODE_PREFIX}T${String(t + 1).padStart(2, '0')}`;
    const tc = add(root, { name: `${town}纪委`, kind: 'township_commission', code, postSet: 'township_commission', weight: WEIGHT.township });
    add(tc, { name: `${town}党政办公室`, kind: 'section', code: `${code}-BGS`, postSet: 'section', weight: WEIGHT.office });
    for (let v = 0; v < VILLAGES_PER_NEW_TOWNSHIP; v++) {
      add(tc, { name: `${town}${place(v * 5 + t)}村民委员会`, kind: 'unit', code: `${code}-V${v + 1}`, postSet: 'village', weight: WEIGHT.newVillage });
    }
  }
  // New departments, each with sections and subordinate units.
  NEW_DEPARTMENTS.forEach((name, d) => {
    const code = `${SCALE_CODE_PREFIX}D${String(d + 1).padStart(2, '0')}`;
    const dept = add(root, { name, kind: 'unit', code, postSet: 'unit', weight: WEIGHT.department });
    DEPT_SECTIONS.forEach((s, i) => add(dept, { name: s, kind: 'section', code: `${code}-S${i + 1}`, postSet: 'section', weight: WEIGHT.section }));
    DEPT_UNITS.forEach((u, i) => add(dept, { name: `${name.replace(/^区/, '区属')}${u}`, kind: 'unit', code: `${code}-U${i + 1}`, postSet: 'unit', weight: WEIGHT.deptUnit }));
  });
  return plan;
}
