import { openDatabase } from './src/db/database.ts';
import { loadActor } from './src/policy/actor.ts';
import { listPeopleInScope as now } from './src/people/people.repository.ts';
import { listPeopleInScope as before } from './old-people.tmp.ts';
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
const { db } = database;
const id = async (code: string) => (await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const orgs = [undefined, await id('SFQ-JW'), await id('SFQ-T1'), await id('SFQ-T1-U0'), await id('SFQ-JYJ'), await id('SCALE-T01'), await id('SFQ-T2')];
const users = ['admin', 'center', 'paizhu1', 'town1', 'unit1', 'cadre1', 'station1', 'leader1'];
let checked = 0, diffs = 0;
for (const username of users) {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, u.id))!;
  if (!actor.grants.some((g) => g.permissions.has('people.read'))) continue;
  for (const orgId of orgs) for (const subtree of [true, false]) for (const q of [undefined, '王', '芳']) for (const talkClass of [undefined, 'A'] as const) for (const includeRetired of [false, true]) for (const page of [1, 3, 400]) {
    if (orgId === undefined && !subtree) continue;
    const f = { orgId, subtree, q, talkClass, includeRetired, page, pageSize: 20 };
    const [a, b] = await Promise.all([now(db, actor, f), before(db, actor, f)]);
    checked++;
    if (a.total !== b.total || JSON.stringify(a.rows) !== JSON.stringify(b.rows)) { diffs++; if (diffs < 5) console.log('DIFF', username, JSON.stringify(f), a.total, b.total); }
  }
}
console.log(`compared ${checked} lists, ${diffs} differences`);
await database.close();
