import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { canConvertDocx, docxToPng } from '../../server/test/docx-to-png.js';
import { ARTIFACTS, journey, pageAs, pickOption, submitAndFollow } from './support.js';

// Issue 5's journey: center warns cadre1 from a clue; cadre1 signs and downloads the notice; the
// deadline passes (the server's clock moved through QF_FAKE_NOW) and the sweep raises level 2;
// cadre1 reports; center judges it inadequate → level 3 with a scheduled admonishment talk; the
// chain is on the warning page and in the audit log. A bulletin needs a second approver before the
// portal shows it. The notice, converted to PDF, leaves a PNG of its first page in test-artifacts/.
describe('three-tier warnings journey in Chromium', () => {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'qf-clock-')), 'now');
  const setNow = (iso: string) => writeFileSync(clockFile, iso);
  const run = journey({
    env: () => {
      setNow('2026-11-23T09:00:00+08:00'); // a Monday
      return { QF_FAKE_NOW: `file:${clockFile}` };
    },
  });
  let l1: number;
  let l2: number;

  const as = (username: string): Promise<Page> => pageAs(run.browser, run.server.url, username);
  const detailStatus = (page: Page) => page.getByTestId('warning-detail').getAttribute('data-status');


  it('center issues a level-1 warning to cadre1 from a clue', async () => {
    const page = await as('center');
    const cadre = (await page.evaluate(async () => (await fetch('/api/v1/users?q=cadre1')).json())).items[0];
    // A clue of the demo ledger that the centre reads: the warning cites it.
    const clue = (await page.evaluate(async () => (await fetch('/api/v1/clues?pageSize=1')).json())).items[0];
    await page.goto(`${run.server.url}/warnings`);
    await page.getByTestId('warning-issue').click();
    await pickOption(page, 'warning-subject-person', cadre.personName, { typed: cadre.personName });
    await page.getByTestId('warning-facts').fill('2026年10月报销差旅费时，将私人行程的交通费一并列支。');
    await page.getByTestId('warning-basis').fill('信访举报反映，经初步核实属实。');
    await page.getByTestId('warning-clue').fill(String(clue.id));
    await pickOption(page, 'warning-measures', '提醒');
    await page.keyboard.press('Escape');
    await submitAndFollow(page, 'warning-issue-submit', /\/warnings\/\d+$/, 'warning-issue');
    l1 = Number(await page.getByTestId('warning-detail').getAttribute('data-warning-id'));
    await expect.poll(() => page.getByTestId('warning-deadline').textContent()).toBe('2026-11-30');
    expect(await page.getByTestId('warning-info').textContent()).toContain(`线索 ${clue.id}`);
    await page.screenshot({ path: `${ARTIFACTS}/warnings-issued.png`, fullPage: true });
    await page.context().close();
  });

  it('cadre1 finds it in the to-do list, signs for it and downloads the notice; never sees the clue or the basis', async () => {
    const page = await as('cadre1');
    await page.getByTestId(`todo-warning-${l1}`).getByRole('link').click();
    await page.getByTestId('warning-acknowledge').click();
    await expect.poll(() => detailStatus(page)).toBe('acknowledged');
    const text = await page.getByTestId('warning-detail').textContent();
    expect(text).not.toContain('信访');
    expect(text).not.toContain('线索');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid^="notice-docx-"]').first().click()]);
    const path = join(ARTIFACTS, 'warning-notice-journey.docx');
    await download.saveAs(path);
    const docx = readFileSync(path);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    if (canConvertDocx) await docxToPng(docx, 'warning-notice-journey');
    await page.context().close();
  });

  it('the deadline passes: the sweep raises level 2, "逾期未整改，自动升级"', async () => {
    setNow('2026-12-01T09:00:00+08:00');
    const page = await as('center');
    await page.goto(`${run.server.url}/warnings`);
    await page.getByTestId('warning-sweep').click();
    await page.getByText(/截至 2026-12-01：升级 \d+ 件/).first().waitFor(); // the demo's own overdue warnings escalate too
    await page.goto(`${run.server.url}/warnings/${l1}`);
    await expect.poll(() => detailStatus(page)).toBe('escalated');
    expect(await page.getByTestId('warning-audit').textContent()).toContain('逾期未整改，自动升级');
    const link = page.getByTestId('warning-chain').locator('[data-testid^="chain-link-"]').last();
    l2 = Number((await link.getAttribute('data-testid'))!.replace('chain-link-', ''));
    await page.context().close();
  });

  it('cadre1 signs level 2 and submits a rectification report with an attachment', async () => {
    const page = await as('cadre1');
    await page.goto(`${run.server.url}/warnings/${l2}`);
    expect(await page.getByTestId('warning-detail').getAttribute('data-level')).toBe('2');
    await page.getByTestId('warning-acknowledge').click();
    await expect.poll(() => detailStatus(page)).toBe('acknowledged');
    await page.getByTestId('warning-answer').click();
    await page.getByTestId('answer-explanation').fill('已将私人行程费用全额退回。');
    await page.getByTestId('answer-causes').fill('对差旅费管理办法学习不够。');
    await page.getByTestId('answer-measures').fill('退回款项；学习制度；今后逐项核对报销单据。');
    await page.getByTestId('answer-report').fill('已于12月1日退回356元，并向单位作出书面检讨。');
    await page.getByTestId('answer-form').locator('input[type=file]').setInputFiles({ name: '退款凭证.txt', mimeType: 'text/plain', buffer: Buffer.from('退款 356 元') });
    await page.getByTestId('answer-submit').click();
    await expect.poll(() => detailStatus(page)).toBe('answered');
    await page.context().close();
  });

  it('center judges it inadequate → level 3 with a scheduled admonishment talk; the chain and the audit log show every step', async () => {
    const page = await as('center');
    await page.goto(`${run.server.url}/warnings/${l2}`);
    await page.getByTestId('warning-review').click();
    await page.getByTestId('review-verdict').getByText('整改不到位').click();
    await page.getByTestId('review-comment').fill('未说明其他报销是否存在同类问题。');
    await page.getByTestId('review-talk-date').click();
    await page.keyboard.type('2026-12-03');
    await page.keyboard.press('Enter');
    await page.getByTestId('review-talk-place').fill('区纪委监委谈话室');
    await page.getByTestId('review-talk-talker').fill('区纪委副书记');
    await page.getByTestId('review-submit').click();
    await expect.poll(() => detailStatus(page)).toBe('escalated');
    const l3Link = page.getByTestId('warning-chain').locator('[data-testid^="chain-link-"]').last();
    await l3Link.click();
    await expect.poll(() => page.getByTestId('warning-detail').getAttribute('data-level')).toBe('3');
    expect(await page.getByTestId('warning-talk-info').textContent()).toBe('已安排：2026-12-03，区纪委监委谈话室，谈话人 区纪委副书记');
    expect(await page.getByTestId('warning-chain').locator('.ant-steps-item').count()).toBe(3);
    expect(await page.getByTestId('warning-notices').textContent()).toContain('诫勉谈话通知');
    const audit = await page.getByTestId('warning-audit').textContent();
    for (const step of ['发出一级预警', '签收', '逾期未整改，自动升级', '答复预警', '整改不到位']) expect(audit).toContain(step);
    await page.screenshot({ path: `${ARTIFACTS}/warnings-level3-chain.png`, fullPage: true });
    await page.goto(`${run.server.url}/audit`);
    await page.getByText('逾期未整改，自动升级').first().waitFor();
    await page.context().close();
  });

  it('a bulletin shows on the portal only after a second person approves it', async () => {
    const page = await as('center');
    await page.goto(`${run.server.url}/bulletins`);
    await page.getByTestId('bulletin-create').click();
    await page.getByTestId('bulletin-title').fill('关于差旅费报销问题的通报');
    await page.getByTestId('bulletin-intro').fill('现将近期发现的差旅费报销问题通报如下。');
    await pickOption(page, 'bulletin-warnings', '示纪预〔2026〕');
    await page.keyboard.press('Escape');
    await page.getByTestId('bulletin-save').click();
    const card = page.locator('[data-testid^="bulletin-"][data-status="draft"]').first();
    await card.locator('[data-testid^="bulletin-submit-"]').click();
    await page.locator('[data-testid^="bulletin-"][data-status="pending"]').first().waitFor();
    expect(await page.locator('[data-testid^="bulletin-approve-"]').count()).toBe(0); // not by its author
    const pendingId = Number((await page.locator('[data-testid^="bulletin-"][data-status="pending"]').first().getAttribute('data-testid'))!.replace('bulletin-', ''));
    const portalBefore = await page.evaluate(async () => (await fetch('/api/portal/bulletins')).json());
    expect(portalBefore.items.map((b: { id: number }) => b.id)).not.toContain(pendingId);
    await page.context().close();

    const second = await as('center2');
    await second.goto(`${run.server.url}/bulletins`);
    await second.getByTestId(`bulletin-approve-${pendingId}`).click();
    await second.locator(`[data-testid="bulletin-${pendingId}"][data-status="published"]`).waitFor();
    await second.context().close();

    const pub = await run.browser.newPage();
    await pub.goto(`${run.server.url}/portal/bulletins`);
    await pub.getByTestId(`portal-bulletin-${pendingId}`).waitFor();
    expect(await pub.getByTestId(`portal-bulletin-${pendingId}`).textContent()).toContain('关于差旅费报销问题的通报');
    await pub.screenshot({ path: `${ARTIFACTS}/warnings-portal-bulletins.png`, fullPage: true });
    await pub.close();
  });
});
