import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, confirmPopup, DEMO_PASSWORD, journey, pageAs, pickOption, submitAndClose } from './support.js';

// Issue 3's self-check campaign (风险排查) in the browser: town1 launches one over 东城街道纪（工）委
// and its units and names 综合执法队 to cross-check 财政所; cadre1 opens the post form from 我的待办,
// proposes a risk point of the post with a measure and submits; unit1 enters the other holders'
// paper forms, submits the unit form, completes 个人自查, amends the proposal in 部门评查 and
// completes it; 综合执法队's officer (an account made through the API) completes 交叉互查; town1
// completes 纪委审查, and the point is in the register as 已审核.
describe('self-check campaign journey in Chromium', () => {
  const run = journey({
    ready: async (server) => {
      await createCrossCheckerAccount(server.url);
    },
  });
  let campaignId: number;
  let orgPath: string;
  const TITLE = '浏览器测试·东城街道廉政风险排查';
  const POINT = '报销凭证审核把关不严';
  const UNIT = '东城街道财政所';
  const CHECKER = '东城街道综合执法队';

  const as = (username: string): Promise<Page> => pageAs(run.browser, run.server.url, username);
  /** 完成本阶段, confirmed; the page then shows the next stage. */
  const completeStage = async (page: Page, next: string) => {
    await confirmPopup(page, 'org-complete', 'org-complete-ok', { method: 'POST', path: /\/complete$/ }, `campaign-complete-${next}`);
    await expect.poll(() => page.getByTestId('org-stage').textContent()).toBe(next);
  };


  it('town1 launches a campaign over 东城街道 with its units and names the cross-checker of 财政所', async () => {
    const page = await as('town1');
    await page.getByTestId('nav-check-campaigns').click();
    await page.getByTestId('campaigns-table').waitFor();
    await page.getByTestId('campaign-launch').click();
    await page.getByTestId('campaign-title').fill(TITLE);
    // The township's own org is chosen already; with 含下属单位 its units are in.
    expect(await page.getByTestId('campaign-orgs').textContent()).toContain('东城街道纪（工）委');
    expect(await page.getByTestId('campaign-subtree').isChecked()).toBe(true);
    // A stage deadline before the one before it is refused under its field, before anything is sent.
    const crossCheck = await page.getByTestId('campaign-deadline-crossCheck').inputValue();
    await page.getByTestId('campaign-deadline-crossCheck').fill(await page.getByTestId('campaign-deadline-selfCheck').inputValue());
    await page.getByTestId('campaign-launch-ok').click();
    await page.getByText('交叉互查截止日期不能早于上一阶段的截止日期').waitFor();
    await page.getByTestId('campaign-deadline-crossCheck').fill(crossCheck);
    await page.getByTestId('campaign-launch-ok').click();
    await page.waitForURL(/\/check-campaigns\/\d+$/);
    campaignId = Number(new URL(page.url()).pathname.split('/').pop());

    const progress = page.getByTestId('campaign-progress');
    await expect.poll(() => progress.textContent()).toMatch(/个人自查 (\d+).*共 \1 个单位/);
    const row = page.getByTestId('campaign-orgs').locator('tr', { hasText: UNIT });
    await row.getByText('未指定').waitFor();
    orgPath = (await row.getByRole('link', { name: UNIT }).getAttribute('href'))!;
    expect(orgPath).toMatch(new RegExp(`^/check-campaigns/${campaignId}/orgs/\\d+$`));

    await row.getByText('指定', { exact: true }).click();
    // Typed, as in a long tree: the node shows whatever is expanded or scrolled into the dropdown's window.
    await pickOption(page, 'cross-checker-org', CHECKER, { typed: CHECKER, exact: true });
    await page.getByTestId('cross-checker-ok').click();
    await row.getByText(CHECKER).waitFor();

    // The list shows the campaign with its stages.
    await page.getByTestId('nav-check-campaigns').click();
    const listed = page.getByTestId('campaigns-table').locator('tr', { hasText: TITLE });
    await listed.getByText('东城街道纪（工）委 发起').waitFor();
    expect(await listed.textContent()).toContain('进行中');
    await page.context().close();
  });

  it('cadre1 opens the post form from 我的待办, proposes a risk point of the post with a measure, and submits', async () => {
    const page = await as('cadre1');
    await page.getByTestId(`todo-check_campaign-${campaignId}`).getByRole('link', { name: /^填写岗位自查表：会计/ }).click();
    await page.waitForURL(/\/check-campaigns\/forms\/\d+$/);
    await page.getByTestId('post-form-status').getByText('未提交').waitFor();
    await page.getByTestId('form-propose').click();
    expect(await page.getByTestId('proposal-post').textContent()).toContain('会计');
    await page.getByTestId('risk-title').fill(POINT);
    await page.getByTestId('risk-manifestation').fill('对报销凭证的真实性、合规性审核不严，可能造成虚假报销');
    await pickOption(page, 'risk-likelihood', '6 较易发生');
    await pickOption(page, 'risk-impact', '15 较大');
    await expect.poll(() => page.getByTestId('risk-level-preview').textContent()).toBe('二级');
    await page.getByTestId('measure-content-0').fill('报销凭证实行会计初审、所长复审');
    await page.getByTestId('measure-owner-0').fill('财政所所长');
    await page.getByTestId('measure-due-0').fill('2026-12-31');
    await page.getByTestId('proposal-save').click();
    const proposals = page.getByTestId('form-proposals');
    await proposals.getByText(POINT).waitFor();
    expect(await proposals.textContent()).toContain('【个人自查】提出');

    await page.getByTestId('post-form-findings').fill('本岗位存在报销审核风险，已提出一条。');
    await page.getByTestId('post-form-submit').click();
    await page.getByTestId('post-form-status').getByText(/已提交/).waitFor();

    // The list page has the form among 我的岗位自查表.
    await page.getByTestId('nav-check-campaigns').click();
    expect(await page.getByTestId('my-forms').locator('tr', { hasText: TITLE }).textContent()).toContain('已提交');
    await page.context().close();
  });

  it('unit1 enters the other holders’ forms, submits the unit form and completes 个人自查 and 部门评查', async () => {
    const page = await as('unit1');
    await page.goto(`${run.server.url}${orgPath}`);
    await page.getByTestId('org-forms').waitFor();
    // Not yet: forms are missing.
    await confirmPopup(page, 'org-complete', 'org-complete-ok', { method: 'POST', path: /\/complete$/, refused: true }, 'campaign-complete-refused');
    await page.getByText(/^尚有 \d+ 份岗位自查表未提交：/).waitFor();

    const forms = page.getByTestId('org-forms');
    const enter = forms.getByText('代为录入', { exact: true });
    for (let left = await enter.count(); left > 0; left--) {
      await enter.first().click();
      await page.getByTestId('form-enter-findings').fill('纸质自查表录入：未发现新的风险点。');
      await submitAndClose(page, 'form-enter-ok', 'form-enter-findings', 'campaign-form-enter');
      // The list reloads after the modal closes: until it has, the entered form's row still offers
      // 代为录入, and the next click would enter that form again.
      await expect.poll(() => enter.count()).toBe(left - 1);
    }
    // unit1's own form (纪检负责人) is filled on the form page.
    const own = forms.locator('tr', { hasText: '未提交' });
    if ((await own.count()) > 0) {
      await own.first().getByRole('link', { name: '填写' }).click();
      await page.getByTestId('post-form-findings').fill('本岗位未发现新的风险点。');
      await page.getByTestId('post-form-submit').click();
      await page.getByTestId('post-form-status').getByText(/已提交/).waitFor();
      await page.goto(`${run.server.url}${orgPath}`);
    }
    await expect.poll(() => page.getByTestId('org-summary').textContent()).toMatch(/已提交 (\d+) \/ \1/);

    await page.getByTestId('unit-form-findings').fill('本单位重点排查了惠农补贴发放、公务支出报销两项业务。');
    await page.getByTestId('unit-form-submit').click();
    await expect.poll(() => page.getByTestId('unit-form-submit').textContent()).toBe('重新提交单位自查表');
    await completeStage(page, '部门评查');
    expect(await page.getByTestId('org-steps').textContent()).toContain('东城街道财政所纪检负责人（unit1）');

    // 部门评查: the unit adds a measure to the cadre's point, with a note that stays in its history.
    const row = page.getByTestId('proposals-table').locator('tr', { hasText: POINT });
    await row.getByText('修改', { exact: true }).click();
    // The form is filled from the proposal when it opens: a measure added before that would be reset away.
    await expect.poll(() => page.getByTestId('measure-content-0').inputValue()).not.toBe('');
    await page.getByTestId('measure-add').click();
    await page.getByTestId('measure-content-1').fill('每季度抽查报销凭证');
    await page.getByTestId('measure-owner-1').fill('单位纪检负责人');
    await page.getByTestId('measure-due-1').fill('2026-12-31');
    await page.getByTestId('proposal-comment').fill('补充防控措施');
    await page.getByTestId('proposal-save').click();
    await page.getByTestId('proposals-table').getByText('每季度抽查报销凭证').waitFor();
    const history = await page.getByTestId('proposals-table').textContent();
    expect(history).toContain('【部门评查】修改');
    expect(history).toContain('意见：补充防控措施');
    await completeStage(page, '交叉互查');
    await page.context().close();
  }, 300_000);

  it('综合执法队’s officer finds the cross-check in 我的待办 and completes 交叉互查', async () => {
    const page = await as('checker1');
    await page.getByTestId(`todo-check_campaign-${campaignId}`).getByRole('link', { name: `交叉互查：${UNIT}（风险排查「${TITLE}」）` }).click();
    await page.waitForURL((u) => u.pathname === orgPath);
    expect(await page.getByTestId('org-cross-checker').textContent()).toBe(CHECKER);
    await completeStage(page, '纪委审查');
    await page.context().close();
  });

  it('town1 completes 纪委审查; the point is in the register as 已审核', async () => {
    const page = await as('town1');
    await page.goto(`${run.server.url}${orgPath}`);
    await completeStage(page, '已完成');
    const row = page.getByTestId('proposals-table').locator('tr', { hasText: POINT });
    await row.getByText('已转为风险点').waitFor();
    const steps = await page.getByTestId('org-steps').textContent();
    expect(steps).toContain('综合执法队纪检负责人（checker1）');
    expect(steps).toContain('东城街道纪工委（town1）');
    expect(await page.getByTestId('proposals-table').textContent()).toContain('【纪委审查】审查通过，转为风险点');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-org.png`, fullPage: true });

    // The unit's 一览表 (Word) now lists it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('org-register-docx').click()]);
    await download.saveAs(`${ARTIFACTS}/campaigns-register.docx`);
    expect(readFileSync(`${ARTIFACTS}/campaigns-register.docx`).subarray(0, 2).toString()).toBe('PK');

    await row.getByRole('link', { name: '查看风险点' }).click();
    await page.getByTestId('risk-detail').waitFor();
    expect(await page.getByTestId('risk-status').textContent()).toBe('已审核');
    const detail = await page.getByTestId('risk-drawer').textContent();
    expect(detail).toContain(POINT);
    expect(detail).toContain('每季度抽查报销凭证');
    expect(await page.getByTestId('risk-history').textContent()).toContain(`风险排查「${TITLE}」纪委审查通过`);

    // The campaign's progress: 财政所 is done.
    await page.goto(`${run.server.url}/check-campaigns/${campaignId}`);
    await expect.poll(() => page.getByTestId('campaign-progress').textContent()).toContain('已完成 1');
    await pickOption(page, 'campaign-filter-stage', '已完成');
    await expect.poll(() => page.getByTestId('campaign-orgs').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('campaign-orgs').getByText(UNIT).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-progress.png`, fullPage: true });
    await page.context().close();
  });
});

/**
 * The officer of 东城街道综合执法队 (`checker1`, password as the demo's), made through the API by
 * `admin`, who first binds TOTP as every administrator must.
 */
async function createCrossCheckerAccount(url: string) {
  let token = '';
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(data)}`);
    return data as T;
  };
  token = (await call<{ token: string }>('POST', '/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).token;
  const { secret } = await call<{ secret: string }>('POST', '/api/auth/totp/setup');
  await call('POST', '/api/auth/totp/confirm', { totp: totpCode(secret, Date.now()) });
  const roles = (await call<{ items: { id: number; code: string }[] }>('GET', '/api/v1/roles')).items;
  const orgs = (await call<{ items: { id: number; name: string }[] }>('GET', '/api/v1/orgs')).items;
  await call('POST', '/api/v1/users', {
    username: 'checker1',
    displayName: '综合执法队纪检负责人',
    password: DEMO_PASSWORD,
    orgId: orgs.find((o) => o.name === '东城街道综合执法队')!.id,
    roles: [{ roleId: roles.find((r) => r.code === 'unit_officer')!.id }],
  });
}

/** RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret. */
function totpCode(secret: string, at: number): string {
  const bits = [...secret.replace(/=+$/, '').toUpperCase()].map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
