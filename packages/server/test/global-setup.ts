// Once per run of a server project: the demo district, migrated and seeded, as a template that
// every test app copies (harness.ts, createTestApp) instead of migrating and seeding its own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { blankDatabase, seedTemplate } from './harness.js';

export default async function setup(project: TestProject) {
  const engine = project.config.env?.QF_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  // The seed's dates are the workers' (vitest.config.ts gives them this zone).
  process.env.TZ = 'Asia/Shanghai';
  const reporterKey = randomBytes(32).toString('base64');
  const { database, drop } = await blankDatabase(1, engine);
  await seedTemplate(database, reporterKey);
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'qf-template-'));
    const source = join(dir, 'demo.tar');
    writeFileSync(source, Buffer.from(await (await database.dump!()).arrayBuffer()));
    await drop();
    project.provide('demoTemplate', { engine, source, reporterKey });
    return () => rmSync(dir, { recursive: true, force: true });
  }
  // The database stays, closed (a template must have no connections), until the run ends.
  const source = (await database.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()).name;
  await database.close();
  project.provide('demoTemplate', { engine, source, reporterKey });
  return async () => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
    await c.end();
  };
}
