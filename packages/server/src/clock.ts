import { readFileSync, statSync } from 'node:fs';

/** The server's only source of time; tests pass a fixed or movable clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * TEST ONLY — the browser journeys move the server's time (a deadline passes) with `QF_FAKE_NOW`:
 * an ISO instant, or `file:<path>` of a file holding one that the test rewrites. Time flows on from
 * the instant given. Refused when NODE_ENV=production; not listed among the settings on purpose.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fake = env.QF_FAKE_NOW;
  if (!fake) return systemClock;
  if (env.NODE_ENV === 'production') throw new Error('QF_FAKE_NOW 仅供测试使用，生产环境（NODE_ENV=production）不能设置');
  const parse = (text: string) => {
    const t = Date.parse(text.trim());
    if (Number.isNaN(t)) throw new Error(`QF_FAKE_NOW：不是有效的时间 "${text.trim()}"`);
    return t;
  };
  if (!fake.startsWith('file:')) {
    const offset = parse(fake) - Date.now();
    return { now: () => new Date(Date.now() + offset) };
  }
  const path = fake.slice('file:'.length);
  let seen = -1;
  let offset = 0;
  return {
    now: () => {
      const mtime = statSync(path).mtimeMs;
      if (mtime !== seen) {
        seen = mtime;
        offset = parse(readFileSync(path, 'utf8')) - Date.now();
      }
      return new Date(Date.now() + offset);
    },
  };
}
