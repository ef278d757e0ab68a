import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate, migrationFiles } from '../src/db/migrate.js';
import { ENGINE, freshDatabase } from './harness.js';

const applied = async (database: Database) =>
  (await database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map((r) => r.name);

// Every migration that has landed, in order. A restore accepts a backup only if its migrations are the
// start of the code's list, so a new migration is appended here and numbered above all of these: one
// slotted into a gap would make every earlier backup unrestorable.
const LANDED = [
  '0001_foundation.sql',
  '0002_builtin_roles.sql',
  '0003_scale_indexes.sql',
  '0004_totp_replay.sql',
  '0005_shared_modules.sql',
  '0006_calendar_permission.sql',
  '0100_risk_register.sql',
  '0101_risk_permissions.sql',
  '0102_commitments.sql',
  '0103_risk_register_indexes.sql',
  '0200_clues.sql',
  '0201_clue_permissions.sql',
  '0300_warnings.sql',
  '0301_warnings_permissions.sql',
  '0303_warnings_clue_fk.sql',
  '0400_ratings.sql',
  '0500_sysadmin_holds_the_builtin_permissions.sql',
  '0501_warning_talks_per_statement.sql',
  '0502_risk_point_tallies.sql',
  '0503_check_campaigns.sql',
  '0504_failing_assessment_warning.sql',
];

describe(`migrations (${ENGINE})`, () => {
  it('only ever grow at the end: the landed list is the start of the files', () => {
    expect(migrationFiles().slice(0, LANDED.length)).toEqual(LANDED);
  });

  it('are idempotent: a second run applies nothing and changes nothing', async () => {
    const { database, drop } = await freshDatabase();
    try {
      expect(await applied(database)).toEqual(migrationFiles());
      const roles = await database.db.selectFrom('roles').select('code').orderBy('id').execute();
      expect(await migrate(database)).toEqual([]);
      expect(await migrate(database)).toEqual([]);
      expect(await applied(database)).toEqual(migrationFiles());
      expect(await database.db.selectFrom('roles').select('code').orderBy('id').execute()).toEqual(roles);
    } finally {
      await drop();
    }
  });

  it('two migrate() calls at once on a fresh database both succeed, each file applied once', async () => {
    if (ENGINE === 'pglite') {
      // One PGlite database has one connection: the calls run one after the other.
      const database = await openDatabase({ dataDir: null });
      try {
        const [a, b] = [await migrate(database), await migrate(database)];
        expect(a).toEqual(migrationFiles());
        expect(b).toEqual([]);
        expect(await applied(database)).toEqual(migrationFiles());
      } finally {
        await database.close();
      }
      return;
    }
    // Three servers starting at the same moment, three times over: a race shows up reliably.
    const base = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      for (let round = 0; round < 3; round++) {
        const name = `qf_test_mig_${randomBytes(5).toString('hex')}`;
        await admin.query(`CREATE DATABASE ${name}`);
        const url = new URL(base);
        url.pathname = `/${name}`;
        const servers = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: url.toString(), poolSize: 2 })));
        try {
          const results = await Promise.allSettled(servers.map((d) => migrate(d)));
          expect({ round, results: results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')) }).toEqual({ round, results: ['ok', 'ok', 'ok'] });
          const lists = results.map((r) => (r as PromiseFulfilledResult<string[]>).value);
          expect(lists.flat().sort()).toEqual(migrationFiles());
          expect(await applied(servers[0]!)).toEqual(migrationFiles());
          // Each file's effects exist once: the built-in roles are not doubled.
          expect((await servers[0]!.db.selectFrom('roles').select('code').execute()).length).toBe(9); // the eight of 0002 and the liaison of 0201
          expect(await migrate(servers[0]!)).toEqual([]);
        } finally {
          // Database.close() ends the pool only once Kysely has used it (a pool used by exec()
          // alone stays open): touch each first so that its connections really go.
          for (const d of servers) {
            await sql`SELECT 1`.execute(d.db).catch(() => undefined);
            await d.close();
          }
          for (let i = 0; i < 40; i++) {
            const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
            if (rows[0].n === 0) break;
            await new Promise((r) => setTimeout(r, 25));
          }
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }
    } finally {
      await admin.end();
    }
  });
});
