import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, journey, loginAs, pickOption } from './support.js';

// Issue 3's journey: unit1 registers a risk point with a measure and sees its level and colour from
// the matrix, submits it; town1 (the township commission above) returns it with a comment; unit1
// amends and resubmits; town1 approves and publishes; the public portal shows it.
describe('risk register journey in Chromium', () => {
  const run = journey();
  let pointId: number;
  const TITLE = '零星工程结算审核不严';
  const POWER = '村级零星工程结算';
  const STEP_WITH_MARKUP = '受理<img src=x onerror="window.qfXss=1">';


  const as = async (username: string): Promise<Page> => {
    const page = await (await run.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await loginAs(page, run.server.url, username);
    return page;
  };
  const act = async (page: Page, action: string, comment?: string) => {
    await page.getByTestId(`risk-action-${action}`).click();
    if (comment !== undefined) {
      await page.getByTestId('risk-comment').fill(comment);
      await page.getByTestId('risk-comment-ok').click();
    }
  };
  const status = (page: Page) => page.getByTestId('risk-status').textContent();

  it('unit1 draws a power\'s flowchart: the diagram follows the steps as they are typed, and says what keeps it from being saved', async () => {
    const page = await as('unit1');
    await page.getByTestId('nav-powers').click();
    await page.getByTestId('powers-table').waitFor();
    await page.getByTestId('power-create').click();
    await page.getByTestId('power-name').fill(POWER);
    await page.getByTestId('power-legal-basis').fill('《示范区村级小型工程项目管理办法》');
    // A name with markup in it: the diagram's tooltip must show it as text, never run it.
    await page.getByTestId('step-name-0').fill(STEP_WITH_MARKUP);
    await page.getByTestId('step-actor-0').fill('村务监督委员会');
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-name-1').fill('结算审核');
    await page.getByTestId('step-actor-1').fill('街道财政所');
    // Two steps and no arrow between them: two starts, which the preview names instead of drawing.
    await expect.poll(() => page.getByTestId('power-flow-issues').textContent()).toContain('流程图只能有一个起始步骤');
    await pickOption(page, 'step-next-0', 's2 结算审核');
    await page.keyboard.press('Escape');
    await page.getByTestId('power-flow-preview').locator('canvas').first().waitFor();
    await page.getByTestId('power-submit').click();
    await page.getByTestId('power-flowchart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('power-status').textContent()).toBe('草稿');
    // Down the middle of the diagram until the first step's tooltip shows (hover waits for the drawer to stop sliding).
    const canvas = page.getByTestId('power-flowchart').locator('canvas').first();
    const { width, height } = (await canvas.boundingBox())!;
    const shown = page.getByTestId('power-flowchart').getByText(STEP_WITH_MARKUP);
    let found = false;
    for (let y = 4; y < height && !found; y += 6) {
      await canvas.hover({ position: { x: width / 2, y } });
      found = await shown.waitFor({ timeout: 200 }).then(() => true, () => false);
    }
    expect(found).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { qfXss?: number }).qfXss)).toBeUndefined();
    await page.context().close();
  });

  it('unit1 registers a point with a measure, sees its level and colour, and submits it', async () => {
    const page = await as('unit1');
    await page.getByTestId('nav-risk-points').click();
    await page.getByTestId('risk-table').waitFor();
    await page.getByTestId('risk-create').click();
    await page.getByTestId('risk-title').fill(TITLE);
    await page.getByTestId('risk-manifestation').fill('对村级零星工程结算资料审核不严，可能虚增工程量、套取资金');
    await pickOption(page, 'risk-post', '会计', { exact: true });
    await pickOption(page, 'risk-likelihood', '6 较易发生', { exact: true });
    await pickOption(page, 'risk-impact', '40 重大：违纪违法，损失较大', { exact: true });
    // The step of the power's flowchart where the risk arises.
    await pickOption(page, 'risk-power', POWER);
    await pickOption(page, 'risk-power-step', 's2 结算审核', { exact: true });
    // D = 6 × 40 = 240: 一级, in the matrix's red.
    const preview = page.getByTestId('risk-level-preview');
    await expect.poll(() => preview.textContent()).toBe('一级');
    expect(await preview.getAttribute('data-color')).toBe('#cf1322');
    await page.getByTestId('measure-content-0').fill('零星工程结算一律经第三方审计后支付');
    await page.getByTestId('measure-owner-0').fill('财政所所长');
    await page.getByTestId('measure-due-0').fill('2026-12-31');
    await page.screenshot({ path: `${ARTIFACTS}/risk-create-form.png` });
    await page.getByTestId('risk-submit').click();
    await page.getByTestId('risk-detail').waitFor();
    expect(await page.getByTestId('risk-level').textContent()).toBe('一级');
    await expect.poll(() => page.getByTestId('risk-power-link').textContent()).toBe(`${POWER}（东城街道财政所） · 环节 s2 结算审核`);
    pointId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(pointId).toBeGreaterThan(0);
    await act(page, 'submit');
    await expect.poll(() => status(page)).toBe('待审核');
    await page.context().close();
  });

  it('town1 returns it with a comment; unit1 amends and resubmits', async () => {
    const town = await as('town1');
    await town.goto(`${run.server.url}/risk-points/${pointId}`);
    await town.getByTestId('risk-detail').waitFor();
    await act(town, 'return', '请明确第三方审计的选取方式');
    await expect.poll(() => status(town)).toBe('已退回');

    const unit = await as('unit1');
    await unit.goto(`${run.server.url}/risk-points/${pointId}`);
    await unit.getByTestId('risk-return-comment').waitFor();
    expect(await unit.getByTestId('risk-return-comment').textContent()).toContain('请明确第三方审计的选取方式');
    await act(unit, 'update');
    await unit.getByTestId('measure-content-0').fill('零星工程结算一律经街道随机抽取的第三方审计机构审计后支付');
    await unit.getByTestId('risk-save').click();
    await unit.getByTestId('risk-save').waitFor({ state: 'hidden' });
    await act(unit, 'submit');
    await expect.poll(() => status(unit)).toBe('待审核');
    await unit.context().close();

    await town.reload();
    await town.getByTestId('risk-detail').waitFor();
    await act(town, 'approve', '同意');
    await expect.poll(() => status(town)).toBe('已审核');
    await act(town, 'publish');
    await expect.poll(() => status(town)).toBe('已公示');
    await town.screenshot({ path: `${ARTIFACTS}/risk-published.png` });

    // The heat maps of the township's register.
    await town.goto(`${run.server.url}/risk-points`);
    await town.getByRole('tab', { name: '热力图与统计' }).click();
    await town.getByTestId('risk-heatmap-matrix').locator('canvas').first().waitFor();
    await town.getByTestId('risk-heatmap-org').locator('canvas').first().waitFor();
    await town.getByTestId('risk-object-level-counts').getByText('东城街道财政所').waitFor();
    await town.waitForTimeout(600);
    await town.screenshot({ path: `${ARTIFACTS}/risk-heatmaps.png`, fullPage: true });
    await town.context().close();
  });

  it('the public portal shows the published point with its measure, without logging in', async () => {
    const page = await (await run.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${run.server.url}/portal`);
    await page.getByTestId('portal-points').waitFor();
    await page.getByTestId('portal-search').fill('零星工程');
    await page.getByTestId(`portal-point-${pointId}`).waitFor();
    await page.getByText('零星工程结算一律经街道随机抽取的第三方审计机构审计后支付').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.screenshot({ path: `${ARTIFACTS}/risk-portal.png`, fullPage: true });
    // The published powers with their flowcharts, by unit.
    await page.getByRole('tab', { name: '职权目录与流程图' }).click();
    await pickOption(page, 'portal-power-org', '东城街道财政所');
    await page.getByTestId('portal-powers').getByText('东城街道财政所 · 惠农补贴资金发放（给付）').waitFor();
    await page.getByTestId('portal-powers').locator('canvas').first().waitFor();
    await page.getByTestId('portal-power-search').fill('不存在的职权');
    await page.getByTestId('portal-powers').getByText('暂无公开的职权目录').waitFor();
    await page.context().close();
  });

  it('the flowchart of a power shows its risk steps in their level colour', async () => {
    const page = await as('unit1');
    await page.getByTestId('nav-powers').click();
    await page.getByTestId('powers-table').getByText('惠农补贴资金发放').click();
    await page.getByTestId('power-flowchart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('power-drawer').getByText('一级 · 惠农补贴资金发放优亲厚友').count()).toBe(1);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${ARTIFACTS}/risk-flowchart.png` });
    // The power drawn in the browser: its step s2 carries the point registered on it.
    await page.keyboard.press('Escape');
    await page.getByTestId('powers-table').getByText(POWER).click();
    await page.getByTestId('power-drawer').getByText(`一级 · ${TITLE}`).waitFor();
    await page.context().close();
  });

  it('cadre1 signs the commitment with the password and downloads the copy', async () => {
    const page = await as('cadre1');
    await page.getByTestId('nav-commitments').click();
    await page.getByTestId('commitments-table').getByText('2026年度廉政风险防范承诺书').click();
    await page.getByTestId('commitment-text').getByText('惠农补贴资金发放优亲厚友（一级风险）').waitFor();
    await page.getByTestId('commitment-password').fill('Wrong@12345');
    await page.getByTestId('commitment-sign').click();
    expect(await page.getByTestId('commitment-error').textContent()).toContain('密码不正确，承诺书未签署');
    await page.getByTestId('commitment-password').fill('Demo@12345');
    await page.getByTestId('commitment-sign').click();
    await page.getByTestId('commitment-signed').waitFor();
    expect(await page.getByTestId('commitment-signed').textContent()).toMatch(/SHA-256：[0-9a-f]{64}/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('commitment-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^2026年度廉政风险防范承诺书（.+）\.docx$/);
    await download.saveAs(`${ARTIFACTS}/risk-commitment.docx`);
    expect(readFileSync(`${ARTIFACTS}/risk-commitment.docx`).subarray(0, 2).toString()).toBe('PK');
    await page.screenshot({ path: `${ARTIFACTS}/risk-commitment-signed.png` });
    await page.context().close();
  });

  it('town1 drafts the commitments of the township\'s self-check campaign, titled after it', async () => {
    const page = await as('town1');
    await page.getByTestId('nav-commitments').click();
    await page.getByTestId('commitments-table').waitFor();
    await pickOption(page, 'commitment-target', '东城街道廉政风险排查');
    await expect.poll(() => page.getByTestId('commitment-draft').textContent()).toContain('东城街道廉政风险排查」承诺书');
    await page.getByTestId('commitment-draft').click();
    await page.getByTestId('commitments-table').getByText('东城街道廉政风险排查廉政风险防范承诺书').first().waitFor();
    await page.getByTestId('commitment-stats').waitFor();
    await page.context().close();
  });

  it('center opens the work list of the supervision office, which monitors the level-1 points of townships', async () => {
    const page = await as('center');
    await page.getByTestId('nav-risk-points').click();
    await page.getByTestId('risk-table').waitFor();
    await pickOption(page, 'risk-filter-monitor', '党风政风监督室', { typed: '监督室' });
    const search = async (text: string) => {
      await page.getByTestId('risk-search').fill(text);
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(text);
      expect(new URL(page.url()).searchParams.get('monitor')).not.toBeNull();
    };
    await search('惠农补贴资金发放');
    await page.getByTestId('risk-table').getByText('惠农补贴资金发放优亲厚友').waitFor();
    // A level-2 point of the same unit is the township commission's to watch, not the office's.
    await search('报账凭证');
    await page.getByTestId('risk-table').locator('.ant-table-placeholder').waitFor();
    await page.goto(`${run.server.url}/risk-points?q=${encodeURIComponent('报账凭证')}`);
    await page.getByTestId('risk-table').getByText('报账凭证审核把关不严').waitFor();
    await page.context().close();
  });

  it('center fills in a new matrix version, previews the re-levelling and confirms it', async () => {
    const page = await as('center');
    await page.getByTestId('nav-risk-matrices').click();
    await page.getByTestId('matrix-active').getByText('D=240').waitFor();
    await page.getByTestId('matrix-new').click();
    // The form starts from the active matrix: LEC bands 三级 D < 90, 二级 90–240, 一级 D ≥ 240.
    const band = (rank: number, bound: 'min' | 'max') => page.getByTestId(`matrix-band-${rank}-${bound}`);
    expect(await band(1, 'min').inputValue()).toBe('240');
    expect(await band(2, 'max').inputValue()).toBe('240');
    expect(await band(1, 'max').inputValue()).toBe('');
    // Moving one threshold alone overlaps the next band: the problem shows under the bands, and nothing can be saved.
    await band(1, 'min').fill('100');
    await page.getByTestId('matrix-issue-rule.bands').getByText(/重叠/).waitFor();
    expect(await page.getByTestId('matrix-save').isDisabled()).toBe(true);
    await band(2, 'max').fill('100');
    await band(2, 'min').fill('40');
    await band(3, 'max').fill('40');
    await expect.poll(() => page.getByTestId('matrix-issue-rule.bands').count()).toBe(0);
    // The live preview levels every cell by the new bands: 1 × 40 = 40 is now 二级.
    await page.getByTestId('matrix-form-preview').locator('td', { hasText: /^二级D=40$/ }).waitFor();
    await page.getByTestId('matrix-name').fill('下调阈值');
    await page.getByTestId('matrix-bands').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/risk-matrix-form.png` });
    // As a grid, every cell starts at the level the bands give it; back to the bands, they are as they were.
    await page.getByTestId('matrix-rule-kind').getByText('网格（逐格指定）').click();
    await expect.poll(() => page.getByTestId('matrix-cell-1-40').textContent()).toBe('二级');
    await page.getByTestId('matrix-rule-kind').getByText('乘积分级（D = L × C）').click();
    expect(await band(1, 'min').inputValue()).toBe('100');
    await page.getByTestId('matrix-save').click();
    await page.getByTestId('matrix-preview').getByText(/其中 \d+ 个的等级或监控责任单位将改变/).waitFor();
    await page.waitForTimeout(500); // the dialog's opening animation
    await page.screenshot({ path: `${ARTIFACTS}/risk-matrix-preview.png` });
    await page.getByTestId('matrix-activate').click();
    await page.getByTestId('matrix-versions').getByText('现行').waitFor();
    await expect.poll(async () => (await page.getByTestId('matrix-versions').locator('tbody tr').first().textContent()) ?? '').toContain('下调阈值');
    await page.context().close();
  });
});
