import { openDatabase } from './src/db/database.ts';
import { loadActor } from './src/policy/actor.ts';
import { listOrgsInScope as now } from './src/orgs/orgs.repository.ts';
import { listOrgsInScope as before } from './old-orgs.tmp.ts';
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
const { db } = database;
let checked = 0, diffs = 0;
for (const username of ['admin', 'center', 'paizhu1', 'town1', 'unit1', 'cadre1', 'station1', 'leader1']) {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, u.id))!;
  for (const kind of [undefined, 'unit', 'township_commission'] as const) for (const q of [undefined, '财政', '村']) for (const includeRetired of [false, true]) {
    const f = { kind, q, includeRetired };
    const [a, b] = await Promise.all([now(db, actor, f), before(db, actor, f)]);
    checked++;
    if (JSON.stringify(a) !== JSON.stringify(b)) { diffs++; console.log('DIFF', username, JSON.stringify(f), a.length, b.length); }
  }
  // The lazy tree adds up to the whole tree: every visible org is a root or the child of a visible org.
  const all = await now(db, actor, {});
  const roots = await now(db, actor, { roots: true });
  const seen = new Set<number>();
  const queue = roots.map((r) => r.id);
  let sumChildren = 0;
  for (const r of roots) seen.add(r.id);
  while (queue.length) {
    const id = queue.shift()!;
    const kids = await now(db, actor, { parentId: id });
    const parent = [...roots, ...[]].find((r) => r.id === id);
    for (const k of kids) { seen.add(k.id); queue.push(k.id); sumChildren += 1; }
  }
  const ok = seen.size === all.length && all.every((o) => seen.has(o.id));
  console.log(`${username}: whole tree ${all.length}, roots ${roots.length}, reached level by level ${seen.size} ${ok ? 'OK' : 'MISMATCH'}`);
  if (!ok) diffs++;
}
console.log(`compared ${checked} org lists, ${diffs} differences`);
await database.close();
