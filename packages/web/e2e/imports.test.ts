import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idNumberCheckChar } from '@qingfeng/core';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, confirmPopup, journey, pageAs } from './support.js';

// Issue 2's 批量导入 in the browser: center opens the page from the menu, downloads the template,
// fills it in (orgs and people), and uploads it. A wrong GB 11643 check digit, a missing 姓名 and an
// unknown parent org are reported row by row in Chinese and nothing is written, not even the good
// rows; once the rows are fixed the file goes in, and the new people and orgs are listed.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ORG_HEADERS = ['组织代码', '组织名称', '类型', '上级组织代码', '排序'];
const PEOPLE_HEADERS = ['姓名', '身份证号', '所属组织代码', '岗位', '谈话类别', '领导班子成员', '主要负责人', '电话'];

type Cell = string | number | null;

/** A valid GB 11643 number (area 110101, born 1988-05-16; the demo district's are 120106…). */
const idNo = (seq: number) => {
  const body = `11010119880516${String(seq).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
};
/** The same number with its check character wrong. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

describe('批量导入 in Chromium', () => {
  const run = journey();
  let template: Buffer;


  /** The downloaded template with these rows added under its headers. */
  async function filled(orgs: Cell[][], people: Cell[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    wb.getWorksheet('组织')!.addRows(orgs);
    wb.getWorksheet('人员')!.addRows(people);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function choose(page: Page, file: Buffer) {
    await page.getByTestId('import-upload').locator('input[type="file"]').setInputFiles({ name: '东城街道人员.xlsx', mimeType: XLSX, buffer: file });
    await page.getByTestId('import-upload').getByText('东城街道人员.xlsx').waitFor();
  }

  /** The error report's rows as [工作表, 行号, 字段, 问题]. */
  const reportRows = (page: Page) =>
    page
      .getByTestId('import-errors-table')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));

  const apiGet = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).json(), path);

  it('center downloads the template, is shown every bad row, imports nothing, fixes the rows and finds the people and orgs', async () => {
    const page = await pageAs(run.browser, run.server.url, 'center');
    await page.getByTestId('nav-imports').click();
    await page.waitForURL(/\/imports$/);

    // 1. The template: an .xlsx with the two sheets (and the explanation) and their header rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(download.suggestedFilename()).toBe('组织与人员导入模板.xlsx');
    const templatePath = join(ARTIFACTS, 'imports-template.xlsx');
    await download.saveAs(templatePath);
    template = readFileSync(templatePath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织', '人员', '说明']);
    expect((wb.getWorksheet('组织')!.getRow(1).values as unknown[]).slice(1)).toEqual(ORG_HEADERS);
    expect((wb.getWorksheet('人员')!.getRow(1).values as unknown[]).slice(1)).toEqual(PEOPLE_HEADERS);
    expect(wb.getWorksheet('人员')!.actualRowCount).toBe(1);

    // 2. Filled in with one bad org row and two bad people rows among good ones.
    const goodOrg: Cell[] = ['SFQ-T1-E1', '东城街道网格服务中心', '单位', 'SFQ-T1', 9];
    const station = (parent: string): Cell[] => ['SFQ-T1-E2', '东城街道志愿服务站', '单位', parent, null];
    const first: Cell[] = ['上官清源', idNo(501), 'SFQ-T1-E1', '主任', 'B', '是', '是', '13800000501'];
    const fourth: Cell[] = ['诸葛明远', idNo(504), 'SFQ-T1-E2', null, 'C', null, null, null];
    const bad = await filled(
      [goodOrg, station('SFQ-T9')], // 组织 row 3: no such parent
      [
        first,
        ['欧阳晓岚', wrongCheck(idNo(502)), 'SFQ-T1-U0', '会计', null, '否', '否', null], // 人员 row 3: wrong check digit
        [null, idNo(503), 'SFQ-T1-U0', '会计', null, null, null, null], // 人员 row 4: 姓名 missing
        fourth,
      ],
    );
    await choose(page, bad);
    await page.getByTestId('import-dry-run').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await expect.poll(() => reportRows(page)).toEqual([
      ['组织', '3', '上级组织代码', '上级组织代码「SFQ-T9」不存在或不在您的权限范围内'],
      ['人员', '3', '身份证号', '身份证号校验位不正确（GB 11643）'],
      ['人员', '4', '姓名', '姓名不能为空'],
    ]);
    expect(await errors.textContent()).toContain('导入数据有 3 处错误，未导入任何记录');
    expect(await errors.textContent()).toContain('共 3 处问题，请在 Excel 中修改后重新上传。');
    await page.screenshot({ path: `${ARTIFACTS}/imports-errors.png`, fullPage: true });

    // Importing it anyway is refused with the same report, and nothing is written, good rows included.
    await confirmPopup(page, 'import-submit', 'import-submit-ok', { method: 'POST', path: /^\/api\/v1\/imports$/, refused: true }, 'imports-refused');
    await expect.poll(() => reportRows(page)).toHaveLength(3);
    expect(await page.getByTestId('import-result').count()).toBe(0);
    for (const name of ['上官清源', '诸葛明远']) {
      expect((await apiGet(page, `/api/v1/people?q=${encodeURIComponent(name)}`)).total).toBe(0);
    }
    const codes = ((await apiGet(page, '/api/v1/orgs')).items as { code: string | null }[]).map((o) => o.code);
    expect(codes).toContain('SFQ-T1');
    expect(codes).not.toContain('SFQ-T1-E1');
    expect(codes).not.toContain('SFQ-T1-E2');

    // 3. The rows fixed: the check passes with the counts, then the import.
    const good = await filled(
      [goodOrg, station('SFQ-T1-E1')],
      [
        first,
        ['欧阳晓岚', idNo(502), 'SFQ-T1-U0', '会计', null, '否', '否', null],
        ['司马静怡', idNo(503), 'SFQ-T1-U0', '会计', null, null, null, null],
        fourth,
      ],
    );
    await choose(page, good);
    await page.getByTestId('import-errors').waitFor({ state: 'hidden' });
    await page.getByTestId('import-dry-run').click();
    const result = page.getByTestId('import-result');
    await result.filter({ hasText: '校验通过，可以导入' }).waitFor();
    expect(await result.textContent()).toContain('将新建组织 2 个、岗位 1 个，新增人员 4 名。');
    await confirmPopup(page, 'import-submit', 'import-submit-ok', { method: 'POST', path: /^\/api\/v1\/imports$/ }, 'imports-import');
    await page.locator('.ant-message-notice').filter({ hasText: '导入完成' }).waitFor();
    await result.filter({ hasText: '已新建组织 2 个、岗位 1 个，新增人员 4 名。' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/imports-done.png`, fullPage: true });

    // 4. The people page lists an imported person, in the new org, with the new post.
    await page.getByTestId('nav-people').click();
    await page.waitForURL(/\/people/);
    await page.getByTestId('people-search').fill('上官清源');
    await page.getByTestId('people-search').press('Enter');
    const row = page.getByTestId('people-table').locator('tbody tr.ant-table-row').filter({ hasText: '上官清源' });
    await row.waitFor();
    expect(await row.textContent()).toContain('东城街道网格服务中心');
    expect(await row.textContent()).toContain('主任');
    expect(await row.textContent()).toMatch(/110101\*{8}501[\dX]/);
    expect((await apiGet(page, `/api/v1/people?q=${encodeURIComponent('诸葛明远')}`)).items).toMatchObject([{ name: '诸葛明远', orgName: '东城街道志愿服务站' }]);

    // …and the org tree both new orgs, the station under the centre.
    await page.getByTestId('nav-orgs').click();
    await page.getByTestId('org-search').fill('东城街道志愿');
    await page.locator('[data-org-name="东城街道志愿服务站"]').first().waitFor();
    await page.locator('[data-org-name="东城街道网格服务中心"]').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/imports-orgs.png` });
    await page.context().close();
  });
});
