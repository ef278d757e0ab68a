import { describe, expect, it } from 'vitest';
import { ARTIFACTS, journey, loginAs, pageAs, pickOption, submitAndFollow } from './support.js';

// Issue 4's journey: a citizen reports anonymously on the portal and receives a query code; station1
// submits a clue; center finds both by full-text search and routes one to town1; town1 grades it,
// replies and closes it; the citizen's query code shows the reply; cadre1, the subject, cannot find it.

const PORTAL_TEXT = '东城街道财政所出纳在办理补贴时收受红包，金额二百元';
const STATION_TEXT = '信访件反映东城街道某社区主任逢年过节收受红包';


describe('warning clues journey in Chromium', () => {
  const run = journey();
  let acceptanceNo = '';
  let queryCode = '';
  let clueId = 0;


  it('a citizen files an anonymous report and receives a query code, with nothing loaded from elsewhere and no cookie', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(run.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    const doc = await page.goto(`${run.server.url}/portal/report`);
    expect(doc!.headers()['cache-control']).toBe('no-store');
    expect(doc!.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByTestId('portal-subject').fill('东城街道财政所出纳');
    await pickOption(page, 'portal-problem-type', '收受红包礼金', { exact: true });
    await page.getByTestId('portal-content').fill(PORTAL_TEXT);
    await page.getByTestId('portal-submit').click();
    await page.getByTestId('portal-query-code').waitFor({ timeout: 60_000 });
    acceptanceNo = (await page.getByTestId('portal-acceptance-no').innerText()).trim();
    queryCode = (await page.getByTestId('portal-query-code').innerText()).trim();
    expect(acceptanceNo).toMatch(/^WS\d{10}$/);
    expect(queryCode.replace(/ /g, '')).toMatch(/^\d{20}$/);
    await page.screenshot({ path: `${ARTIFACTS}/clues-portal-receipt.png` });
    expect(await page.getByTestId('portal-done').isDisabled()).toBe(true);
    await page.getByTestId('portal-saved').click();
    await page.getByTestId('portal-done').click();
    await page.getByTestId('portal-finished').waitFor();
    expect(await page.content()).not.toContain(queryCode);
    expect(foreign).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('station1 submits a clue through the browser', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, run.server.url, 'station1');
    await page.getByTestId('nav-clues').click();
    await page.getByTestId('clue-create').click();
    await pickOption(page, 'clue-problem-type', '收受红包礼金', { exact: true });
    await page.getByTestId('clue-subject-text').fill('东城街道某社区主任');
    await page.getByTestId('clue-content').fill(STATION_TEXT);
    await submitAndFollow(page, 'clue-submit', /\/clues\/\d+$/, 'clue-submit');
    await expect.poll(() => page.getByTestId('clue-content-text').innerText()).toBe(STATION_TEXT);
    await context.close();
  });

  it('center finds both by full-text search and routes the citizen’s report to town1', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, run.server.url, 'center');
    await page.getByTestId('nav-clues').click();
    await page.getByTestId('clues-search').fill('红包');
    await page.getByTestId('clues-table').getByText(PORTAL_TEXT).waitFor();
    await page.getByTestId('clues-table').getByText(STATION_TEXT).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/clues-search.png`, fullPage: true });
    const row = page.getByTestId('clues-table').locator('tr', { hasText: PORTAL_TEXT });
    await row.locator('a[data-testid^="clue-link-"]').click();
    await page.waitForURL(/\/clues\/\d+$/);
    clueId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('clue-route').click();
    await pickOption(page, 'clue-route-handler', '东城街道纪（工）委', { exact: true });
    await pickOption(page, 'clue-route-subject', '东城街道财政所', { typed: '东城街道财政所', exact: true });
    await page.getByTestId('clue-route-reason').fill('被反映人属东城街道财政所，由东城街道纪工委办理');
    await page.getByTestId('clue-route-submit').click();
    await expect.poll(() => page.getByTestId('clue-handler').innerText()).toBe('东城街道纪（工）委');
    await context.close();
  });

  it('town1 grades it, replies to the reporter and closes it', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, run.server.url, 'town1');
    await page.goto(`${run.server.url}/clues/${clueId}`);
    await pickOption(page, 'clue-grade', '二级', { exact: true });
    await expect.poll(() => page.getByTestId('clue-level').innerText()).toBe('二级');
    await page.getByTestId('clue-reply').click();
    await page.getByTestId('clue-reply-body').fill('经核实，反映的问题属实，已责令退还并对当事人批评教育。感谢您的监督。');
    await page.getByTestId('clue-reply-submit').click();
    await page.getByTestId('clue-messages').getByText('感谢您的监督').waitFor();
    await page.getByTestId('clue-propose').click();
    await pickOption(page, 'clue-propose-mode', '予以了结', { exact: true });
    await page.getByTestId('clue-propose-note').fill('问题已查清并整改，予以了结');
    await page.getByTestId('clue-propose-submit').click();
    await page.getByTestId('clue-approve').click();
    await page.getByTestId('clue-decide-submit').click();
    await page.getByTestId('clue-close').click();
    await page.getByTestId('clue-close-outcome').fill('责令退还红包二百元，对当事人批评教育');
    await page.getByTestId('clue-close-submit').click();
    await expect.poll(() => page.getByTestId('clue-status').innerText()).toBe('已办结');
    await page.screenshot({ path: `${ARTIFACTS}/clues-closed.png`, fullPage: true });
    await context.close();
  });

  it('the citizen’s query code shows the reply', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${run.server.url}/portal/query`);
    await page.getByTestId('portal-query-acceptance').fill(acceptanceNo);
    await page.getByTestId('portal-query-code-input').fill('0000 0000 0000 0000 0000');
    await page.getByTestId('portal-query-submit').click();
    await expect.poll(() => page.getByTestId('portal-query-error').innerText()).toContain('受理编号或查询码不正确');
    await page.getByTestId('portal-query-acceptance').fill(acceptanceNo);
    await page.getByTestId('portal-query-code-input').fill(queryCode);
    await page.getByTestId('portal-query-submit').click();
    await page.getByTestId('portal-messages').getByText('感谢您的监督').waitFor();
    expect(await page.getByTestId('portal-status-text').innerText()).toBe('已办结');
    await page.screenshot({ path: `${ARTIFACTS}/clues-portal-reply.png` });
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('cadre1, the subject’s colleague at 东城街道财政所, cannot find it anywhere', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, run.server.url, 'cadre1');
    expect(await page.getByTestId('nav-clues').count()).toBe(0);
    await page.goto(`${run.server.url}/clues`);
    await page.getByText('无权访问').first().waitFor();
    const api = await page.evaluate(async (id) => {
      const q = await fetch(`/api/v1/clues?q=${encodeURIComponent('红包')}`);
      const one = await fetch(`/api/v1/clues/${id}`);
      const todos = await (await fetch('/api/v1/todos')).json();
      return { list: q.status, one: one.status, todos: JSON.stringify(todos) };
    }, clueId);
    expect(api.list).toBe(403);
    expect(api.one).toBe(403);
    expect(api.todos).not.toContain(`"objectId":${clueId}`);
    await context.close();
  });

  it('a 发出预警 disposal, once the centre approves it, opens a pre-filled warning for town1 to issue', async () => {
    const town = await pageAs(run.browser, run.server.url, 'town1');
    const open = await town.evaluate(async () => (await (await fetch('/api/v1/clues?status=registered&pageSize=100')).json()).items as { id: number; ledgerNo: string; actions: string[] }[]);
    const { id, ledgerNo } = open.find((c) => c.actions.includes('propose'))!;
    await town.goto(`${run.server.url}/clues/${id}`);
    await pickOption(town, 'clue-grade', '二级', { exact: true });
    await town.getByTestId('clue-propose').click();
    await pickOption(town, 'clue-propose-mode', '发出预警', { exact: true });
    await pickOption(town, 'clue-propose-level', '二级', { exact: true });
    await town.getByTestId('clue-propose-note').fill('问题属实，建议发出二级预警');
    await town.getByTestId('clue-propose-submit').click();
    await expect.poll(() => town.getByTestId('clue-status').innerText()).toBe('处置待审批');

    const centre = await pageAs(run.browser, run.server.url, 'center');
    await centre.goto(`${run.server.url}/clues/${id}`);
    await centre.getByTestId('clue-approve').click();
    await centre.getByTestId('clue-decide-submit').click();
    await centre.getByTestId('clue-decide-submit').waitFor({ state: 'hidden' });
    await expect.poll(() => centre.getByTestId('clue-status').innerText()).toBe('处置中');
    await centre.context().close();

    await town.goto(`${run.server.url}/`);
    await town.getByText(`线索 ${ledgerNo}：按处置决定发出预警`).click();
    await town.waitForURL(new RegExp(`/clues/${id}$`));
    await town.getByTestId('clue-issue-warning').click();
    // The facts the subject will read are drafted without the clue's words; the basis cites the ledger.
    await expect.poll(() => town.getByTestId('warning-facts').inputValue()).toMatch(/^经了解，.*存在较为严重的问题/);
    expect(await town.getByTestId('warning-basis').inputValue()).toContain('处置意见：问题属实，建议发出二级预警');
    await town.getByTestId('warning-issue-submit').click();
    await town.waitForURL(/\/warnings\/\d+$/);
    expect(await town.getByTestId('warning-info').textContent()).toContain(`线索 ${id}`);
    await town.screenshot({ path: `${ARTIFACTS}/clues-warning-issued.png`, fullPage: true });
    await town.context().close();
  });
});
