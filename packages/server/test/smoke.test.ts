import { connect } from 'node:net';
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

  it('answers a request the HTTP parser refuses (raw UTF-8 in the URL) in the usual error shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(Buffer.concat([Buffer.from('GET /api/v1/orgs?q='), Buffer.from('重启', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
      });
      let data = '';
      socket.on('data', (d) => (data += String(d)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 400 Bad Request')).toBe(true);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'request.invalid', message: '请求格式不正确（网址中的中文等字符须经 URL 编码）' },
    });
  });
});
