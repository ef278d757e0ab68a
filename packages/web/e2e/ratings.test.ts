import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, confirmPopup, journey, pageAs, pickOption } from './support.js';

// Issue 6's journey on the demo district: center previews and confirms last year's ratings and
// publishes them; cadre1 (a level-2 warning last year) sees 差 with its reason in the archive; the
// award-disqualification list exports; a talk plan generates cadre1's talk, which unit1 records; an
// integrity-opinion reply is drafted, approved by a second account and downloaded as Word. unit1 also
// finds its unit's 不及格 of last year as a level-2 warning (issue 6: through the warning machinery).
describe('ratings, talks, archive and opinion replies in Chromium', () => {
  const run = journey();
  const year = new Date().getFullYear() - 1;
  let cadreName = '';

  const as = (username: string): Promise<Page> => pageAs(run.browser, run.server.url, username);


  it('center previews last year with reasons, confirms, publishes and exports the disqualification list', async () => {
    const page = await as('center');
    cadreName = (await page.evaluate(async () => (await fetch('/api/v1/users?q=cadre1')).json())).items[0].personName;
    await page.goto(`${run.server.url}/evaluations?year=${year}`);
    await page.getByTestId('evaluation-summary').waitFor();
    await pickOption(page, 'evaluation-preview-grade', '差');
    const row = page.getByTestId('evaluation-preview').getByRole('row').filter({ hasText: cadreName });
    await expect.poll(() => row.textContent()).toContain(`${year}年度被实施二级预警1次`);
    await page.screenshot({ path: `${ARTIFACTS}/ratings-preview.png`, fullPage: true });
    await confirmPopup(page, 'evaluation-confirm', 'evaluation-confirm-ok', { method: 'POST', path: /^\/api\/v1\/evaluations$/ }, 'ratings-confirm');
    await expect.poll(() => page.getByTestId('evaluation-run-status').textContent()).toBe('已确认，待发布');
    await confirmPopup(page, 'evaluation-publish', 'evaluation-publish-ok', { method: 'POST', path: /^\/api\/v1\/evaluations\/\d+\/publish$/ }, 'ratings-publish');
    await expect.poll(() => page.getByTestId('evaluation-run-status').textContent()).toBe('已发布');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluation-export-disqualifications').click()]);
    const path = join(ARTIFACTS, 'disqualifications.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const people = wb.getWorksheet('个人')!.getSheetValues().map((r) => JSON.stringify(r));
    expect(people.some((r) => r.includes(cadreName) && r.includes('本人考评为“差”'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/ratings-published.png`, fullPage: true });
    await page.context().close();
  });

  it('cadre1 sees 差 with its reason in the integrity archive', async () => {
    const page = await as('cadre1');
    await page.goto(`${run.server.url}/archives/me`);
    const ratings = page.getByTestId('archive-ratings');
    await ratings.getByTestId('archive-grade-poor').waitFor();
    expect(await ratings.textContent()).toContain(`${year}年度被实施二级预警1次`);
    expect(await page.getByTestId('archive-credit-expression').textContent()).toContain('廉情预警考评“差”1次×15');
    expect(await page.textContent('body')).not.toContain('纸质预警台账补录');
    await page.screenshot({ path: `${ARTIFACTS}/ratings-archive-cadre1.png`, fullPage: true });
    await page.context().close();
  });

  it('unit1 finds last year’s 不及格 as a level-2 warning, linked from the assessment, and signs its notice', async () => {
    const page = await as('unit1');
    await page.goto(`${run.server.url}/assessments`);
    const schemes = await page.evaluate(async () => (await fetch('/api/v1/assessments?pageSize=100')).json());
    const scheme = schemes.items.find((s: { year: number }) => s.year === year);
    const { items } = await page.evaluate(async (id) => (await fetch(`/api/v1/assessments/${id}/results?grade=fail`)).json(), scheme.id);
    expect(items.map((r: { orgName: string }) => r.orgName)).toEqual(['东城街道财政所']);
    await page.goto(`${run.server.url}/assessments?scheme=${scheme.id}`);
    const link = page.getByTestId(`assessment-warning-${items[0].id}`);
    await expect.poll(() => link.textContent()).toMatch(/^示纪改〔\d{4}〕\d+号$/);
    await link.click();
    await page.waitForURL(`**/warnings/${items[0].warning.id}`);
    expect(await page.getByTestId('warning-detail').getAttribute('data-level')).toBe('2');
    expect(await page.getByTestId('warning-subject').textContent()).toBe('东城街道财政所');
    await page.getByTestId('warning-acknowledge').click();
    await expect.poll(() => page.getByTestId('warning-detail').getAttribute('data-status')).toBe('acknowledged');
    await page.screenshot({ path: `${ARTIFACTS}/assessment-warning-unit1.png`, fullPage: true });
    await page.context().close();
  });

  it('unit1 makes a talk plan that schedules cadre1’s talk, and records it', async () => {
    const page = await as('unit1');
    await page.goto(`${run.server.url}/talks?tab=plans`);
    await page.getByTestId('talk-plan-create').click();
    await page.getByTestId('talk-plan-name').fill('财政所廉政谈话计划');
    await pickOption(page, 'talk-plan-org', '东城街道财政所', { exact: true });
    await page.getByTestId('talk-plan-submit').click();
    await page.getByTestId('talk-plans-table').getByText('财政所廉政谈话计划').waitFor();
    await page.locator('[data-testid^="talk-plan-generate-"]').first().click();
    await page.getByTestId('talk-schedule-result').waitFor();
    expect(await page.getByTestId('talk-schedule-result').textContent()).toMatch(/新安排谈话 \d+ 次/);
    await page.keyboard.press('Escape');
    await page.goto(`${run.server.url}/talks?tab=talks`);
    await page.getByTestId('talks-mine').click();
    const row = page.getByTestId('talks-table').getByRole('row').filter({ hasText: cadreName }).filter({ hasText: '待谈话' }).first();
    await row.locator('[data-testid^="talk-record-"]').click();
    await page.getByTestId('talk-points').fill('重温财务审批纪律，逐项对照岗位风险点查找薄弱环节。');
    await page.getByTestId('talk-commitments').fill('严格执行报销审核制度，按时报告个人有关事项。');
    await page.getByTestId('talk-submit').click();
    await page.getByTestId('talk-detail').waitFor();
    await expect.poll(() => page.getByTestId('talk-detail-points').textContent()).toBe('重温财务审批纪律，逐项对照岗位风险点查找薄弱环节。');
    expect(await page.getByTestId('talk-detail').textContent()).toContain('已谈话');
    await page.screenshot({ path: `${ARTIFACTS}/talk-recorded.png`, fullPage: true });
    await page.context().close();
  });

  it('center drafts an integrity-opinion reply, center2 approves it, and it downloads as Word', async () => {
    const page = await as('center');
    await page.goto(`${run.server.url}/integrity-opinions`);
    await page.getByTestId('opinion-create').click();
    await page.getByTestId('opinion-request-ref').fill(`示组函〔${year + 1}〕88号`);
    await pickOption(page, 'opinion-people', cadreName, { typed: cadreName });
    await page.keyboard.press('Escape');
    await page.getByTestId('opinion-create-submit').click();
    await page.getByTestId('opinion-detail').waitFor();
    expect(await page.getByTestId('opinion-drawer').textContent()).toContain(`被实施二级预警`);
    await page.getByTestId('opinion-submit').click();
    await expect.poll(() => page.getByTestId('opinion-status').textContent()).toBe('待审核');
    expect(await page.getByTestId('opinion-approve').count()).toBe(0); // not by the drafter
    const url = page.url();
    await page.context().close();

    const reviewer = await as('center2');
    await reviewer.goto(url);
    await reviewer.getByTestId('opinion-approve').click();
    await reviewer.getByTestId('opinion-note-ok').click();
    await expect.poll(() => reviewer.getByTestId('opinion-status').textContent()).toBe('已审核');
    const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByTestId('opinion-download').click()]);
    const path = join(ARTIFACTS, 'integrity-opinion.docx');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    await reviewer.screenshot({ path: `${ARTIFACTS}/integrity-opinion-approved.png`, fullPage: true });
    await reviewer.context().close();
  });
});
