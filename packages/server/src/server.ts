import { buildApp } from './app.js';
import { clockFromEnv } from './clock.js';
import { loadConfig, type Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { buildDemoDistrict, DEMO_PASSWORD } from './demo/demo-district.js';
import { isEmpty, seedDemo } from './demo/seed-demo.js';
import { seedDemoWarnings } from './warnings/warnings.demo.js';
import { seedDemoRatings } from './evaluations/evaluations.demo.js';
import { startWarningSweeps } from './warnings/warnings.sweep.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
}

/** `qingfeng serve` / `npm start`: migrate, load the demo district on first start, listen. */
export async function serve(config: Config = loadConfig()) {
  const database = await openConfiguredDatabase(config);
  const applied = await migrate(database);
  const clock = clockFromEnv();
  const ctx: AppContext = { database, config, clock };
  const lines: string[] = [];
  if (applied.length) lines.push(`已应用数据库迁移：${applied.join(', ')}`);
  if (await isEmpty(database)) {
    if (config.demo) {
      await seedDemo(database, clock.now(), config);
      await seedDemoWarnings(database, clock.now());
      await seedDemoRatings(database, clock.now());
      lines.push('已载入示范区演示数据。');
    } else {
      lines.push('数据库为空。请先运行 `npx qingfeng create-admin` 设置管理员密码。');
    }
  }
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const where = database.engine === 'pglite' ? `PGlite（${config.dataDir}）` : 'PostgreSQL 服务器';
  lines.push(`清风 · 廉政风险防控预警平台已启动：${url}  （数据库：${where}）`, `API 文档：${url}/api/docs`);
  const users = await database.db.selectFrom('users').select('username').execute();
  const demo = buildDemoDistrict().accounts.filter((a) => users.some((u) => u.username === a.username));
  if (demo.length) {
    lines.push(`演示账户（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of demo) lines.push(`  ${a.username.padEnd(9)} ${a.note}`);
  }
  // Escalation runs by itself: once now (catching up on whatever fell due while the server was
  // down), then every QF_SWEEP_INTERVAL_MINUTES.
  const stopSweeps = startWarningSweeps(ctx, config.sweepIntervalMinutes, app.log);
  if (config.sweepIntervalMinutes > 0) lines.push(`逾期预警自动升级：每 ${config.sweepIntervalMinutes} 分钟执行一次。`);
  console.log(lines.join('\n'));

  const shutdown = async () => {
    await stopSweeps();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return app;
}
