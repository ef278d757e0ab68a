import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { verifyAuditChain } from './audit/audit.recorder.js';
import { createAdmin } from './auth/create-admin.js';
import { systemClock } from './clock.js';
import { loadConfig, SETTINGS } from './config.js';
import { migrate } from './db/migrate.js';
import { DEMO_PASSWORD } from './demo/demo-district.js';
import { seedDemo } from './demo/seed-demo.js';
import { openConfiguredDatabase, serve } from './server.js';

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await migrate(database);
    return await fn(database);
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
    if (p1 !== p2) throw new Error('两次输入的密码不一致');
    return p1;
  } finally {
    rl.close();
  }
}

const program = new Command('qingfeng').description('清风 · 廉政风险防控预警平台').showHelpAfterError();

program.command('serve').description('启动服务（迁移数据库；首次启动载入示范区）').action(async () => {
  await serve();
});

program.command('migrate').description('应用数据库迁移').action(async () => {
  const applied = await withDatabase(migrate);
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

program.command('seed-demo').description('向空数据库载入示范区演示数据').action(async () => {
  const accounts = await withDatabase((db) => seedDemo(db, systemClock.now()));
  console.log(`已载入示范区。演示账户（密码 ${DEMO_PASSWORD}）：${accounts.map((a) => a.username).join('、')}`);
});

program.command('audit-verify').description('重新计算审计日志哈希链，报告第一条断裂记录').action(async () => {
  const v = await withDatabase((db) => verifyAuditChain(db.db));
  if (v.ok) console.log(`审计链完整：已校验 ${v.checked} 条记录。`);
  else {
    console.error(`审计链断裂：第一条异常记录 #${v.firstBrokenId}（${v.reason}）；此前 ${v.checked} 条完好。`);
    process.exitCode = 1;
  }
});

program.command('config').description('列出全部配置项及其默认值').action(() => {
  for (const [name, s] of Object.entries(SETTINGS)) console.log(`${name.padEnd(22)} 默认 ${JSON.stringify(s.default).padEnd(12)} ${s.doc}`);
});

export async function runCli(argv: string[]) {
  await program.parseAsync(argv);
}
