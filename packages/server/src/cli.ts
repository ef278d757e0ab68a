import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { verifyAuditChain } from './audit/audit.recorder.js';
import { createAdmin } from './auth/create-admin.js';
import { backupDatabase } from './backup/backup.js';
import { BackupError } from './backup/backup.format.js';
import { restoreDatabase } from './backup/restore.js';
import { clockFromEnv, systemClock, type Clock } from './clock.js';
import { loadConfig, SETTINGS, type Config } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { migrate } from './db/migrate.js';
import { DEMO_PASSWORD } from './demo/demo-district.js';
import { seedDemo } from './demo/seed-demo.js';
import { SCALE_RISK_POINTS, seedRiskScale } from './demo/seed-risk-scale.js';
import { seedDemoRatings } from './evaluations/evaluations.demo.js';
import { SCALE_CODE_PREFIX, seedScale } from './demo/seed-scale.js';
import { AppError } from './http/errors.js';
import { openConfiguredDatabase, serve } from './server.js';
import { seedDemoWarnings } from './warnings/warnings.demo.js';
import { SWEEP_ACTOR, sweepOverdue } from './warnings/warnings.sweep.js';
import { assignRoleFromConsole } from './users/assign-role.js';

/**
 * A refusal the operator can act on (a bad setting, mistyped input): `runCli` prints its message as
 * one line on stderr and exits with code 1, without a stack trace.
 */
class CliError extends Error {
  override readonly name = 'CliError';
}

/** The settings; a bad value (loadConfig's only error) is the operator's to fix, not a bug. */
function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** The clock of QF_FAKE_NOW (tests) or the system's; a bad QF_FAKE_NOW is refused like a bad setting. */
function cliClock(): Clock {
  try {
    return clockFromEnv();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Network errors of reaching a PostgreSQL server (or of listening): the environment's, not a bug. */
const NETWORK_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The one line to print for an error the operator can act on, or null for anything else, which is a
 * bug and keeps its stack trace: domain refusals (AppError, BackupError), bad settings, a PGlite data
 * directory another process holds (DataDirLockedError), and a
 * PostgreSQL server that cannot be reached or refuses the connection (SQLSTATE class 08 connection
 * exception, 28 invalid authorization, 3D000 no such database, 57P03 starting up).
 */
function operatorMessage(err: unknown): string | null {
  if (err instanceof AppError || err instanceof BackupError || err instanceof CliError || err instanceof DataDirLockedError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const message = err instanceof Error && err.message ? `：${err.message}` : '';
  if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL') return `无法在配置的地址和端口（HOST、PORT）上启动服务（${code}）${message}`;
  if (NETWORK_ERRNO.has(code) || /^(08|28)[0-9A-Z]{3}$/.test(code) || code === '3D000' || code === '57P03') {
    return `无法连接 PostgreSQL 数据库（DATABASE_URL，${code}）${message}`;
  }
  return null;
}

/** Opens the configured database, migrates it and runs `fn` with it and the migrations just applied. */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>, applied: string[]) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(cliConfig());
  try {
    return await fn(database, await migrate(database));
  } finally {
    await database.close();
  }
}

async function askPassword(): Promise<string> {
  if (process.env.QF_ADMIN_PASSWORD) return process.env.QF_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    const p1 = await rl.question('新密码（至少10位，含三类字符）：');
    const p2 = await rl.question('再次输入：');
    if (p1 !== p2) throw new CliError('两次输入的密码不一致');
    return p1;
  } finally {
    rl.close();
  }
}

const program = new Command('qingfeng').description('清风 · 廉政风险防控预警平台').showHelpAfterError();

program.command('serve').description('启动服务（迁移数据库；首次启动载入示范区）').action(async () => {
  cliClock(); // serve reads QF_FAKE_NOW itself: a bad value is refused here first, as a setting
  await serve(cliConfig());
});

program.command('migrate').description('应用数据库迁移').action(async () => {
  const applied = await withDatabase(async (_database, applied) => applied);
  console.log(applied.length ? `已应用：${applied.join(', ')}` : '数据库已是最新');
});

program
  .command('create-admin')
  .description('创建系统管理员或重置其密码（密码取自交互输入或 QF_ADMIN_PASSWORD）')
  .option('-u, --username <name>', '用户名', 'admin')
  .action(async (opts: { username: string }) => {
    const password = await askPassword();
    const r = await withDatabase((db) => createAdmin(db, opts.username, password, systemClock.now()));
    console.log(r.created ? `已创建管理员 ${opts.username}，首次登录须绑定动态验证码。` : `已重置管理员 ${opts.username} 的密码。`);
  });

program
  .command('assign-role <username> <roleCode>')
  .description('为用户分配角色（如 superior_liaison 上级纪委联络员：浏览器中任何管理员都不能分配）；记入审计')
  .action(async (username: string, roleCode: string) => {
    await withDatabase((db) => assignRoleFromConsole(db, username, roleCode, systemClock.now()));
    console.log(`已为 ${username} 分配角色 ${roleCode}。`);
  });

program.command('seed-demo').description('向空数据库载入示范区演示数据').action(async () => {
  const accounts = await withDatabase(async (db) => {
    const seeded = await seedDemo(db, systemClock.now());
    await seedDemoWarnings(db, systemClock.now());
    await seedDemoRatings(db, systemClock.now());
    return seeded;
  });
  console.log(`已载入示范区。演示账户（密码 ${DEMO_PASSWORD}）：${accounts.map((a) => a.username).join('、')}`);
});

program
  .command('seed-scale')
  .description(`在示范区之上载入规模测试数据（2000 个组织、10 万名人员；组织代码前缀 ${SCALE_CODE_PREFIX}，不能重复载入）`)
  .action(async () => {
    const r = await withDatabase((db) => seedScale(db, systemClock.now()));
    console.log(
      `${r.demoSeeded ? '数据库为空，已先载入示范区。' : ''}已载入规模测试数据：${r.orgs} 个组织、${r.people} 名人员、${r.posts} 个岗位、${r.assignments} 条任职` +
        `（东城街道辖内现有 ${r.town1People} 人），用时 ${r.seconds.toFixed(1)} 秒。`,
    );
  });

program
  .command('seed-risk-scale')
  .description(`在规模测试数据之上载入 ${SCALE_RISK_POINTS} 个廉政风险点（须先运行 seed-scale，不能重复载入）`)
  .action(async () => {
    const r = await withDatabase((db) => seedRiskScale(db, systemClock.now()));
    console.log(`已载入 ${r.points} 个风险点（${r.orgs} 个单位和股室），用时 ${r.seconds.toFixed(1)} 秒。`);
  });

program.command('audit-verify').description('重新计算审计日志哈希链，报告第一条断裂记录').action(async () => {
  const v = await withDatabase((db) => verifyAuditChain(db.db));
  if (v.ok) console.log(`审计链完整：已校验 ${v.checked} 条记录。`);
  else {
    console.error(`审计链断裂：第一条异常记录 #${v.firstBrokenId}（${v.reason}）；此前 ${v.checked} 条完好。`);
    process.exitCode = 1;
  }
});

/**
 * Opens the configured database without migrating it (backup copies what is there, restore
 * migrates itself), a PGlite data directory that a running server holds is refused by its lock (db/data-dir-lock.ts).
 */
async function withUnmigratedDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(cliConfig());
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

program
  .command('backup')
  .description('把全部业务数据备份到一个文件（gzip 压缩的 JSON Lines；使用 PGlite 时须先停止服务）')
  .argument('<file>', '备份文件路径')
  .action(async (file: string) => {
    const started = Date.now();
    const r = await withUnmigratedDatabase((db) => backupDatabase(db, resolve(file), { now: systemClock.now() }));
    console.log(
      `已备份 ${r.rows} 行（${r.tables.length} 个数据表）到 ${r.file}，${(r.bytes / 1024).toFixed(1)} KB，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。` +
        `未备份：${r.skipped.join('、')}（登录会话）。文件含密码哈希和个人信息，请妥善保管。`,
    );
  });

program
  .command('restore')
  .description('把备份文件恢复到空的数据目录或新建的空数据库（恢复后应用更新的迁移）')
  .argument('<file>', '备份文件路径')
  .action(async (file: string) => {
    const started = Date.now();
    const r = await withUnmigratedDatabase(async (db) => {
      const restored = await restoreDatabase(db, resolve(file));
      return { ...restored, upgraded: await migrate(db) };
    });
    console.log(
      `已恢复 ${r.rows} 行（${r.tables.length} 个数据表），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。` +
        (r.upgraded.length ? `随后应用了更新的迁移：${r.upgraded.join(', ')}。` : '') +
        '登录会话未恢复，用户须重新登录。',
    );
  });

program
  .command('sweep')
  .description('立即执行逾期预警升级：截至今天逾期未答复的预警升级一级，三级移送问责（服务运行时也会定时执行；可与之同时运行）')
  .action(async () => {
    const started = Date.now();
    const clock = cliClock();
    const r = await withDatabase((db) => sweepOverdue(db, clock.now(), SWEEP_ACTOR, true));
    console.log(`截至 ${r.asOf}：升级 ${r.escalated} 件，移送问责 ${r.referred} 件，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
  });

program.command('config').description('列出全部配置项及其默认值').action(() => {
  for (const [name, s] of Object.entries(SETTINGS)) console.log(`${name.padEnd(22)} 默认 ${JSON.stringify(s.default).padEnd(12)} ${s.doc}`);
});

/**
 * Runs one command. An error the operator can act on (operatorMessage) is printed as one line on
 * stderr and the process exits with code 1; any other error is a bug and is thrown on, with its stack.
 */
export async function runCli(argv: string[]) {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const message = operatorMessage(err);
    if (message === null) throw err;
    console.error(message);
    // Every command but serve has closed its database by now; a serve that failed to listen has not
    // (its pool would hold the process for seconds), so end here rather than wait for it.
    process.exit(1);
  }
}
