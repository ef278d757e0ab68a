import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttachments, readAttachment, saveAttachments } from '../src/attachments/attachments.store.js';
import { nextNumber } from '../src/numbering/numbering.js';
import { createTestApp, ENGINE, login, type Client, type TestApp } from './harness.js';
import { adminClient, anonymous, expectInvalid, lastAudit, refusedWithoutChange } from './support.js';

describe(`holiday calendar, numbering, to-do list, attachments (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let center: Client;
  let town1: Client;
  const db = () => t.ctx.database.db;

  beforeAll(async () => {
    t = await createTestApp();
    [center, town1] = await Promise.all([login(t, 'center'), login(t, 'town1')]);
    admin = await adminClient(t);
  });
  afterAll(() => t.close());

  describe('GET /api/v1/holiday-calendar', () => {
    it('401 without login, 400 without a year', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/holiday-calendar?year=2026')).status).toBe(401);
      expectInvalid(await town1.get('/api/v1/holiday-calendar'), '年度（year）：');
    });

    it('lists the seeded 2026 official arrangements, holidays and 调休 workdays', async () => {
      const res = await town1.get('/api/v1/holiday-calendar?year=2026');
      expect(res.status).toBe(200);
      const days = res.body.days as { day: string; kind: string; name: string }[];
      expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
      expect(days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
      expect(days.find((d) => d.day === '2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    });

    it('computes deadlines on the seeded calendar: 15 working days across 春节', async () => {
      const res = await town1.get('/api/v1/holiday-calendar/deadline?from=2026-02-10&days=15');
      expect(res.body).toEqual({ from: '2026-02-10', days: 15, deadline: '2026-03-09' });
      expect((await town1.get('/api/v1/holiday-calendar/deadline?from=2026-09-30&days=1')).body.deadline).toBe('2026-10-08');
      expectInvalid(await town1.get('/api/v1/holiday-calendar/deadline?from=2026-13-01&days=1'), '开始时间（from）：不是有效的日期');
      expectInvalid(await town1.get('/api/v1/holiday-calendar/deadline?from=2026-02-30&days=1'), '开始时间（from）：不是有效的日期');
    });
  });

  describe('PUT and DELETE /api/v1/holiday-calendar/:day', () => {
    it('refuses those without calendar.write, and bad input, changing nothing', async () => {
      await refusedWithoutChange(t, () => town1.put('/api/v1/holiday-calendar/2027-02-09', { kind: 'holiday', name: '春节' }), 403, 'auth.forbidden');
      await refusedWithoutChange(t, () => center.put('/api/v1/holiday-calendar/2027-02-09', { kind: 'vacation', name: '春节' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => center.put('/api/v1/holiday-calendar/2027-02-09', { kind: 'holiday', name: ' ' }), 400, 'request.invalid');
      await refusedWithoutChange(t, () => center.del('/api/v1/holiday-calendar/2027-03-03'), 404, 'calendar.not_found');
    });

    it('the centre records a 调休 arrangement; deadlines follow at once; every edit is audited', async () => {
      const before = (await center.get('/api/v1/holiday-calendar/deadline?from=2027-02-04&days=1')).body.deadline;
      expect(before).toBe('2027-02-09'); // Feb 5–8 statutory, seeded
      const res = await center.put('/api/v1/holiday-calendar/2027-02-09', { kind: 'holiday', name: '春节' });
      expect(res.status).toBe(200);
      expect(res.body.days.find((d: { day: string }) => d.day === '2027-02-09')).toEqual({ day: '2027-02-09', kind: 'holiday', name: '春节' });
      expect((await center.get('/api/v1/holiday-calendar/deadline?from=2027-02-04&days=1')).body.deadline).toBe('2027-02-10');
      expect((await lastAudit(t))[0]).toMatchObject({ action: 'HOLIDAY_DAY_SET', object_id: '2027-02-09' });
      expect((await admin.del('/api/v1/holiday-calendar/2027-02-09')).status).toBe(200);
      expect((await lastAudit(t))[0]).toMatchObject({ action: 'HOLIDAY_DAY_REMOVED', object_id: '2027-02-09' });
      expect((await center.get('/api/v1/holiday-calendar/deadline?from=2027-02-04&days=1')).body.deadline).toBe('2027-02-09');
    });
  });

  describe('numbering', () => {
    it('numbers concurrent registrations without duplicates or gaps; a rollback gives its number back', async () => {
      const series = `test-${ENGINE}`;
      const numbers = await Promise.all(Array.from({ length: 20 }, () => db().transaction().execute((trx) => nextNumber(trx, series, 2026))));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await expect(
        db().transaction().execute(async (trx) => {
          await nextNumber(trx, series, 2026);
          throw new Error('registration refused');
        }),
      ).rejects.toThrow('registration refused');
      expect(await db().transaction().execute((trx) => nextNumber(trx, series, 2026))).toBe(21);
      expect(await db().transaction().execute((trx) => nextNumber(trx, series, 2027))).toBe(1);
    });
  });

  describe('GET /api/v1/todos', () => {
    it('401 without login; a user’s list otherwise', async () => {
      expect((await anonymous(t, 'GET', '/api/v1/todos')).status).toBe(401);
      const res = await town1.get('/api/v1/todos');
      expect(res.status).toBe(200);
      expect(res.body.overdue).toBe(res.body.items.filter((i: { overdue: boolean }) => i.overdue).length);
    });
  });

  describe('attachments store', () => {
    it('keeps bytes and a SHA-256 per owner, and reads one only through its owner', async () => {
      const bytes = Buffer.from('%PDF-1.7 举报材料');
      const [id] = await db().transaction().execute((trx) => saveAttachments(trx, 'test', 7, [{ fileName: '材料.pdf', mime: 'application/pdf', bytes }], null));
      const listed = (await listAttachments(db(), 'test', [7, 8])).get(7)!;
      expect(listed).toMatchObject([{ id, fileName: '材料.pdf', mime: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]);
      expect(Buffer.from((await readAttachment(db(), 'test', 7, id!))!.content).toString()).toBe('%PDF-1.7 举报材料');
      expect(await readAttachment(db(), 'test', 8, id!)).toBeUndefined();
      expect(await readAttachment(db(), 'other', 7, id!)).toBeUndefined();
    });
  });
});
