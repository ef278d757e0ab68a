import { resolve } from 'node:path';

// Every setting documents itself: name, default, meaning. `qingfeng config` prints this table.
export const SETTINGS = {
  PORT: { default: '3000', doc: 'HTTP 端口 / HTTP port' },
  HOST: { default: '127.0.0.1', doc: '监听地址 / listen address' },
  DATA_DIR: { default: './data', doc: 'PGlite 数据目录（未设置 DATABASE_URL 时）/ embedded database directory' },
  DATABASE_URL: { default: '', doc: 'PostgreSQL 连接串，设置后使用 PostgreSQL 服务器 / use a PostgreSQL server' },
  QF_DEMO: { default: '1', doc: '首次启动载入示范区数据（0 关闭）/ load the demo district on first start' },
  SESSION_IDLE_MINUTES: { default: '30', doc: '浏览器会话空闲超时（分钟）/ browser session idle timeout' },
  TOKEN_IDLE_DAYS: { default: '30', doc: 'API 令牌空闲超时（天）/ bearer token idle timeout' },
  LOGIN_MAX_FAILURES: { default: '5', doc: '连续登录失败多少次后锁定 / failures before lockout' },
  LOGIN_LOCK_MINUTES: { default: '15', doc: '锁定时长（分钟）/ lockout duration' },
  COOKIE_SECURE: { default: '0', doc: '会话 Cookie 仅经 HTTPS 发送（生产环境置 1）/ Secure cookie flag' },
  LOG_LEVEL: { default: 'info', doc: '日志级别 / log level (fatal…trace, silent)' },
  QF_SWEEP_INTERVAL_MINUTES: { default: '60', doc: '逾期预警自动升级的间隔（分钟；启动时先补跑一次；0 关闭）/ escalation sweep interval' },
} as const;

export type SettingName = keyof typeof SETTINGS;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  sessionIdleMinutes: number;
  tokenIdleDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: boolean;
  logLevel: string;
  sweepIntervalMinutes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = (name: SettingName) => env[name] ?? SETTINGS[name].default;
  const int = (name: SettingName) => {
    const v = Number(get(name));
    if (!Number.isInteger(v) || v < 0) throw new Error(`配置项 ${name} 应为非负整数，当前为 "${get(name)}"`);
    return v;
  };
  return {
    port: int('PORT'),
    host: get('HOST'),
    dataDir: resolve(get('DATA_DIR')),
    databaseUrl: get('DATABASE_URL') || undefined,
    demo: get('QF_DEMO') !== '0',
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES'),
    tokenIdleDays: int('TOKEN_IDLE_DAYS'),
    loginMaxFailures: int('LOGIN_MAX_FAILURES'),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES'),
    cookieSecure: get('COOKIE_SECURE') === '1',
    logLevel: get('LOG_LEVEL'),
    sweepIntervalMinutes: int('QF_SWEEP_INTERVAL_MINUTES'),
  };
}
