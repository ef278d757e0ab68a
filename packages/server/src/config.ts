import { isValidSerialTemplate } from '@qingfeng/core';
import { resolve } from 'node:path';

// Every setting documents itself: name, default, meaning. `qingfeng config` prints this table.
export const SETTINGS = {
  PORT: { default: '3000', doc: 'HTTP 端口 / HTTP port' },
  HOST: { default: '127.0.0.1', doc: '监听地址 / listen address' },
  DATA_DIR: { default: './data', doc: 'PGlite 数据目录（未设置 DATABASE_URL 时）/ embedded database directory' },
  DATABASE_URL: { default: '', doc: 'PostgreSQL 连接串，设置后使用 PostgreSQL 服务器 / use a PostgreSQL server' },
  DATABASE_POOL_SIZE: { default: '10', doc: 'PostgreSQL 连接池大小（1–100）/ connections to the PostgreSQL server' },
  QF_DEMO: { default: '1', doc: '首次启动载入示范区数据（0 关闭）/ load the demo district on first start' },
  SESSION_IDLE_MINUTES: { default: '30', doc: '浏览器会话空闲超时（分钟）/ browser session idle timeout' },
  TOKEN_IDLE_DAYS: { default: '30', doc: 'API 令牌空闲超时（天）/ bearer token idle timeout' },
  LOGIN_MAX_FAILURES: { default: '5', doc: '连续登录失败多少次后锁定 / failures before lockout' },
  LOGIN_LOCK_MINUTES: { default: '15', doc: '锁定时长（分钟）/ lockout duration' },
  COOKIE_SECURE: { default: '0', doc: '会话 Cookie 仅经 HTTPS 发送（生产环境置 1）/ Secure cookie flag' },
  LOG_LEVEL: { default: 'info', doc: '日志级别 / log level (fatal…trace, silent)' },
  QF_SWEEP_INTERVAL_MINUTES: { default: '60', doc: '逾期预警自动升级的间隔（分钟；启动时先补跑一次；0 关闭）/ escalation sweep interval' },
  CLUE_NUMBER_TEMPLATE: { default: '示纪预〔{year}〕{seq:4}号', doc: '预警信息台账编号格式（{year} 年度，{seq:4} 四位顺序号）/ ledger number format' },
  CLUE_ACK_DAYS: { default: '15', doc: '实名举报受理告知期限（工作日）/ acceptance notice to a named reporter, working days' },
  CLUE_RESULT_DAYS: { default: '15', doc: '办结后结果反馈期限（工作日）/ result notice after closing, working days' },
  CLUE_FORWARD_DAYS: { default: '5', doc: '不属本级管辖的线索移送期限（工作日）/ forwarding limit, working days' },
  CLUE_DUPLICATE_DAYS: { default: '90', doc: '疑似重复件比对的时间窗（天）/ duplicate detection window, days' },
  QF_REPORTER_KEY: { default: '', doc: '实名举报人身份加密密钥（32 字节，base64）；未设置时使用 DATA_DIR/reporter.key（首次使用时生成）/ AES-256 key for reporter identities' },
  PORTAL_POW_BITS: { default: '16', doc: '网上举报防滥用工作量证明难度（前导零比特数）/ proof-of-work difficulty, bits' },
  PORTAL_RATE_PER_MINUTE: { default: '10', doc: '网上举报每个来源每分钟最多提交或查询次数 / portal requests per minute per source' },
} as const;

export type SettingName = keyof typeof SETTINGS;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  demo: boolean;
  sessionIdleMinutes: number;
  tokenIdleDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: boolean;
  logLevel: string;
  sweepIntervalMinutes: number;
  clueNumberTemplate: string;
  clueAckDays: number;
  clueResultDays: number;
  clueForwardDays: number;
  clueDuplicateDays: number;
  /** base64 of 32 bytes; empty: the key file under dataDir. Never stored in the database. */
  reporterKey: string;
  portalPowBits: number;
  portalRatePerMinute: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = (name: SettingName) => env[name] ?? SETTINGS[name].default;
  const int = (name: SettingName) => {
    const v = Number(get(name));
    if (!Number.isInteger(v) || v < 0) throw new Error(`配置项 ${name} 应为非负整数，当前为 "${get(name)}"`);
    return v;
  };
  const serialTemplate = (name: SettingName) => {
    const v = get(name);
    if (!isValidSerialTemplate(v)) throw new Error(`配置项 ${name} 须含顺序号占位符 {seq} 或 {seq:4}，当前为 "${v}"`);
    return v;
  };
  const poolSize = (v: number) => {
    if (v < 1 || v > 100) throw new Error(`配置项 DATABASE_POOL_SIZE 应在 1 到 100 之间，当前为 ${v}`);
    return v;
  };
  return {
    port: int('PORT'),
    host: get('HOST'),
    dataDir: resolve(get('DATA_DIR')),
    databaseUrl: get('DATABASE_URL') || undefined,
    databasePoolSize: poolSize(int('DATABASE_POOL_SIZE')),
    demo: get('QF_DEMO') !== '0',
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES'),
    tokenIdleDays: int('TOKEN_IDLE_DAYS'),
    loginMaxFailures: int('LOGIN_MAX_FAILURES'),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES'),
    cookieSecure: get('COOKIE_SECURE') === '1',
    logLevel: get('LOG_LEVEL'),
    sweepIntervalMinutes: int('QF_SWEEP_INTERVAL_MINUTES'),
    clueNumberTemplate: serialTemplate('CLUE_NUMBER_TEMPLATE'),
    clueAckDays: int('CLUE_ACK_DAYS'),
    clueResultDays: int('CLUE_RESULT_DAYS'),
    clueForwardDays: int('CLUE_FORWARD_DAYS'),
    clueDuplicateDays: int('CLUE_DUPLICATE_DAYS'),
    reporterKey: get('QF_REPORTER_KEY'),
    portalPowBits: int('PORTAL_POW_BITS'),
    portalRatePerMinute: int('PORTAL_RATE_PER_MINUTE'),
  };
}
