import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous } from './support.js';

// Every list's text search takes what is typed as it is: % and _ are letters (db/like.ts), so a
// search for them finds only text that holds them — none in the demo district.
describe(`text search of every list (${ENGINE})`, () => {
  let t: TestApp;
  let center: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    center = await login(t, 'center');
    admin = await adminClient(t);
  });
  afterAll(() => t.close());

  it('a search for % or _ finds nothing where the list itself is not empty', async () => {
    const lists: [string, (url: string) => Promise<{ status: number; body: { total?: number; items: unknown[] } }>][] = [
      ['/api/v1/orgs', center.get],
      ['/api/v1/posts', center.get],
      ['/api/v1/people', center.get],
      ['/api/v1/users', admin.get],
      ['/api/v1/risk-points', center.get],
      ['/api/v1/powers', center.get],
      ['/api/v1/clues', center.get],
      ['/api/portal/risk-points', (url) => anonymous(t, 'GET', url)],
      ['/api/portal/powers', (url) => anonymous(t, 'GET', url)],
    ];
    for (const [path, get] of lists) {
      const all = await get(`${path}?pageSize=5`);
      expect({ path, status: all.status, some: all.body.items.length > 0 }).toEqual({ path, status: 200, some: true });
      for (const q of ['_', '%', '\\']) {
        const found = await get(`${path}?pageSize=5&q=${encodeURIComponent(q)}`);
        expect({ path, q, status: found.status, items: found.body.items }).toEqual({ path, q, status: 200, items: [] });
      }
    }
  });
});
