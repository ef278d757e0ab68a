import { idNumberCheckChar } from '@qingfeng/core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, journey, loginAs } from './support.js';

// Issue 2's journey: center adds a person to a township (an invalid ID number is refused with the
// reason), and town1 cannot see another township.
describe('foundation journey in Chromium', () => {
  const run = journey();


  it('center opens a township, is refused an invalid ID number, fixes it and sees the person listed', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(page, run.server.url, 'center');
    await page.goto(`${run.server.url}/orgs`);
    await page.getByTestId('org-search').fill('东城街道纪');
    await page.locator('[data-org-name="东城街道纪（工）委"]').first().click();
    await expect.poll(() => page.getByTestId('org-detail-name').textContent()).toBe('东城街道纪（工）委');

    await page.getByTestId('person-create').click();
    await page.getByTestId('person-name').fill('欧阳清风');
    await page.getByTestId('person-id-number').fill('110101199003077777');
    await page.getByTestId('person-submit').click();
    await page.getByText('身份证号校验位不正确').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/foundation-invalid-id.png` });

    const body = '11010119900307803';
    await page.getByTestId('person-id-number').fill(body + idNumberCheckChar(body));
    await page.getByTestId('person-submit').click();
    await page.getByTestId('person-submit').waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: '欧阳清风' }).first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/foundation-person-added.png` });

    // The server has it too, in the township, with the ID number masked in the list.
    const res = await page.evaluate(async () => (await fetch('/api/v1/people?q=欧阳清风')).json());
    expect(res.items).toHaveLength(1);
    expect(res.items[0]).toMatchObject({ name: '欧阳清风', orgName: '东城街道纪（工）委' });
    expect(res.items[0].idNumber).toMatch(/^110101\*{8}\d{3}[\dX]$/);
    await page.close();
  });

  it('town1 sees its own township and not another one', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, run.server.url, 'town1');
    await page.goto(`${run.server.url}/orgs`);
    await page.locator('[data-org-name="东城街道纪（工）委"]').first().waitFor();
    // A term both townships' names contain: the search has run once town1's own township shows it
    // highlighted (a positive control), and only then is the other one's absence worth asserting.
    await page.getByTestId('org-search').fill('街道纪');
    await page.locator('[data-org-name="东城街道纪（工）委"] mark').filter({ hasText: '街道纪' }).first().waitFor();
    expect(await page.locator('[data-org-name*="西城街道"]').count()).toBe(0);
    await page.getByTestId('org-search').fill('西城');
    await page.getByText('没有匹配的组织').waitFor();
    expect(await page.locator('[data-org-name="西城街道纪（工）委"]').count()).toBe(0);
    await page.getByTestId('org-search').fill('');
    await page.locator('[data-org-name="东城街道纪（工）委"]:not(:has(mark))').first().waitFor(); // the whole tree again
    expect(await page.locator('[data-org-name*="西城街道"]').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/foundation-town1-tree.png` });
    await context.close();
  });

  it('center sees 国庆 on the holiday calendar and records a 调休 workday that deadlines then count', async () => {
    const page = await run.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(page, run.server.url, 'center');
    await page.goto(`${run.server.url}/holiday-calendar?month=2026-10`);
    await expect.poll(() => page.getByTestId('holiday-2026-10-01').textContent()).toContain('国庆节');
    await page.locator('td[title="2026-10-11"]').click();
    await page.getByTestId('holiday-name').fill('示范区调休上班');
    await page.getByTestId('holiday-save').click();
    await expect.poll(() => page.getByTestId('holiday-2026-10-11').textContent()).toContain('示范区调休上班');
    await page.getByTestId('holiday-save').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${ARTIFACTS}/foundation-holiday-calendar.png` });
    // Saturday 10-10 and Sunday 10-11 are now both working days.
    const res = await page.evaluate(async () => (await fetch('/api/v1/holiday-calendar/deadline?from=2026-10-09&days=2')).json());
    expect(res.deadline).toBe('2026-10-11');
    await page.close();
  });
});
