import { describe, expect, it } from 'vitest';
import { loadConfig, SETTINGS } from '../src/config.js';

describe('configuration from the environment', () => {
  it('documents every setting and gives each its default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, databasePoolSize: 10, demo: true });
    for (const [name, s] of Object.entries(SETTINGS)) expect(s.doc, name).toMatch(/\S.*\/ [A-Za-z]/);
  });

  it('takes the pool size of the PostgreSQL connection, and refuses one out of 1–100 with the setting named', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow('配置项 DATABASE_POOL_SIZE 应在 1 到 100 之间，当前为 0');
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '101' })).toThrow('DATABASE_POOL_SIZE 应在 1 到 100 之间');
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow('配置项 DATABASE_POOL_SIZE 应为非负整数，当前为 "many"');
    expect(() => loadConfig({ PORT: '-1' })).toThrow('配置项 PORT 应为非负整数');
  });
});
