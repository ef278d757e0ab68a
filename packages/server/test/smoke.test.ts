import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from './harness.js';

describe(`health and login (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the engine', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: ENGINE });
  });

  it('rejects an invalid ID number with a Chinese message naming the field', async () => {
    const center = await login(t, 'center');
    const res = await center.post('/api/v1/people', { orgId: 1, name: '测试', idNumber: '110101199003077777' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('request.invalid');
    expect(res.body.error.message).toBe('身份证号（idNumber）：身份证号校验位不正确（GB 11643）');
  });
});
