import { sql } from 'kysely';
import { openDatabase } from './src/db/database.ts';
import { loadActor } from './src/policy/actor.ts';
import { listPeopleInScope } from './src/people/people.repository.ts';
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
const { db } = database;
const orgId = async (code: string) => (await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const cases: [string, any][] = [
  ['center', { orgId: await orgId('SCALE-T01'), subtree: true, page: 3, pageSize: 20 }],
  ['center', { page: 3, pageSize: 20 }],
  ['center', { q: '王', page: 1, pageSize: 20 }],
  ['town1', { orgId: await orgId('SFQ-T1'), subtree: true, page: 3, pageSize: 20 }],
  ['town1', { q: '王', page: 1, pageSize: 20 }],
  ['town1', { page: 500, pageSize: 20 }],
];
// capture SQL via a logging executor
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const logged = db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
for (const [user, f] of cases) {
  const u = await db.selectFrom('users').select('id').where('username', '=', user).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, u.id))!;
  const t0 = performance.now();
  const r = await listPeopleInScope(db, actor, f);
  const ms = performance.now() - t0;
  console.log(`\n### ${user} ${JSON.stringify(f)} → ${r.rows.length} rows, total ${r.total}, ${ms.toFixed(1)} ms (first call)`);
  if (process.env.EXPLAIN) {
    const orig = (database.db as any).getExecutor();
  }
}
await database.close();
