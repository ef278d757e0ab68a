import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderOfficialDocx, renderOfficialPdf } from '../src/documents/index.js';
import { canConvertDocx, docxToPng } from './docx-to-png.js';
import { commitment, warningNotice } from './documents.sample.js';

const unzip = async (docx: Buffer) => {
  const zip = await JSZip.loadAsync(docx);
  const part = (path: string) => zip.file(path)!.async('string');
  return { part, document: await part('word/document.xml') };
};
/** The <w:p> element that contains `text`. */
const paragraphWith = (xml: string, text: string) => {
  const piece = xml.split('</w:p>').find((p) => p.includes(`>${text}<`) || p.includes(`>${text}`));
  expect(piece, `paragraph with ${text}`).toBeDefined();
  return piece!.slice(Math.max(piece!.lastIndexOf('<w:p>'), piece!.lastIndexOf('<w:p ')));
};
const font = (name: string) => `w:eastAsia="${name}"`;

describe('renderOfficialDocx (GB/T 9704-2012)', () => {
  it('sets A4 with the 156 × 225 mm text block and a 22-line grid, 28 characters of tightened 3号 仿宋', async () => {
    const { document, part } = await unzip(await renderOfficialDocx(warningNotice));
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // top 37 mm, right 26 mm, bottom 35 mm, left 28 mm
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(document).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    const styles = await part('word/styles.xml');
    const defaults = styles.slice(styles.indexOf('<w:rPrDefault>'), styles.indexOf('</w:rPrDefault>'));
    expect(defaults).toContain(font('仿宋_GB2312'));
    expect(defaults).toContain('<w:sz w:val="32"/>'); // 3号 = 16 pt
    expect(defaults).toContain('<w:spacing w:val="-5"/>'); // 28 × 15.75 pt ≤ 156 mm
    expect(styles).toMatch(/<w:pPrDefault><w:pPr><w:spacing w:line="579" w:lineRule="exact"\/>/);
    // fallbacks for machines without the GB fonts
    const fonts = await part('word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });

  it('prints the red 版头: issuer mark in red 小标宋, 文号 centred above a red rule, 2号 title', async () => {
    const { document } = await unzip(await renderOfficialDocx(warningNotice));
    const mark = paragraphWith(document, '中共示范区纪律检查委员会');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain(font('方正小标宋简体'));
    expect(mark).toContain('<w:jc w:val="center"/>');
    const number = paragraphWith(document, '示纪预〔2026〕1号');
    expect(number).toContain('<w:jc w:val="center"/>');
    expect(number).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="11"\/><\/w:pBdr>/);
    const title = paragraphWith(document, '关于对区住房和城乡建设局发出廉政风险二级预警的通知');
    expect(title).toContain(font('方正小标宋简体'));
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(paragraphWith(document, '加急')).toContain(font('黑体'));
    expect(paragraphWith(document, '区住房和城乡建设局：')).not.toContain('<w:ind');
  });

  it('numbers headings 一、（一）1. in 黑体, 楷体 and 仿宋, and indents paragraphs two characters', async () => {
    const { document } = await unzip(await renderOfficialDocx(warningNotice));
    expect(paragraphWith(document, '一、预警事由')).toContain(font('黑体'));
    expect(paragraphWith(document, '二、整改要求')).toContain(font('黑体'));
    expect(paragraphWith(document, '（一）书面说明情况')).toContain(font('楷体_GB2312'));
    expect(paragraphWith(document, '（二）限期整改')).toContain(font('楷体_GB2312'));
    expect(paragraphWith(document, '2.于2026年12月21日前报送书面整改报告。')).toContain(font('仿宋_GB2312'));
    expect(paragraphWith(document, '2026年以来，你单位')).toContain('<w:ind w:firstLine="630"/>');
  });

  it('puts a landscape table on pages of its own, with a repeated header row', async () => {
    const { document } = await unzip(await renderOfficialDocx(warningNotice));
    expect(document).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(document).toContain('<w:tblHeader/>');
    expect(paragraphWith(document, '风险点')).toContain(font('黑体'));
    expect(paragraphWith(document, '招标文件设置排他性条款')).toContain('<w:sz w:val="24"/>');
  });

  it('ends with 附件说明, 落款 and 成文日期, 附注 and the 版记 at the foot of the text block', async () => {
    const { document } = await unzip(await renderOfficialDocx(warningNotice));
    expect(paragraphWith(document, '附件：1.风险识别防控一览表')).toContain('<w:ind w:left="1890" w:hanging="1260"/>');
    expect(paragraphWith(document, '2.整改情况报告模板')).toContain('<w:ind w:left="1890" w:hanging="315"/>');
    // issuer two characters from the right, the date two characters right of the issuer's start
    expect(document).toMatch(/<w:ind w:left="4410"\/><\/w:pPr><w:r><w:rPr>(?:(?!<\/w:p>).)*>中共示范区纪律检查委员会</);
    expect(paragraphWith(document, '2026年11月23日')).toContain('<w:ind w:left="5040"/>');
    expect(paragraphWith(document, '（此件不公开）')).toBeDefined();
    expect(document).toMatch(/<w:tblpPr w:tblpY="\d+" w:horzAnchor="margin" w:vertAnchor="margin"\/>/);
    expect(paragraphWith(document, '抄送：区委办公室，区政府办公室，区委组织部。')).toContain('<w:sz w:val="28"/>');
    expect(document).toContain('中共示范区纪委办公室\t2026年11月23日印发');
  });

  it('numbers pages "— n —" in 4号, odd pages right and even pages left', async () => {
    const docx = await renderOfficialDocx(warningNotice);
    const { part } = await unzip(docx);
    expect(await part('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all([part('word/footer1.xml'), part('word/footer2.xml')]);
    const [odd, even] = footers.sort((a) => (a.includes('w:val="right"') ? -1 : 1));
    for (const f of [odd!, even!]) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
  });

  it('renders a plain document (承诺书) without 版头', async () => {
    const { document } = await unzip(await renderOfficialDocx(commitment));
    expect(document).not.toContain('FF0000');
    expect(paragraphWith(document, '党风廉政建设承诺书')).toContain(font('方正小标宋简体'));
    expect(paragraphWith(document, '承诺人：王建国')).toBeDefined();
    expect(paragraphWith(document, '2026年3月2日')).toBeDefined();
  });

  it.skipIf(!canConvertDocx && !process.env.CI)('opens in LibreOffice: first page as PNG under test-artifacts/', async () => {
    const { pdf, png } = await docxToPng(await renderOfficialDocx(warningNotice), 'official-document');
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');
    const { stdout } = await promisify(execFile)('pdftotext', ['-f', '1', '-l', '1', pdf, '-']);
    const text = stdout.replace(/\s+/g, '');
    expect(text).toContain('中共示范区纪律检查委员会');
    expect(text).toContain('示纪预〔2026〕1号');
  });
});

describe('renderOfficialPdf', () => {
  it('embeds a subset of a CJK TrueType font and carries the Chinese text', async () => {
    const pdf = await renderOfficialPdf(warningNotice);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(pdf.length).toBeLessThan(300_000); // subset, not the 14 MB font
    const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: false });
    expect(totalPages).toBe(4);
    const page = (n: number) => text[n - 1]!.replace(/\s+/g, '');
    expect(page(1)).toContain('中共示范区纪律检查委员会');
    expect(page(1)).toContain('示纪预〔2026〕1号');
    expect(page(1)).toContain('关于对区住房和城乡建设局发出廉政风险二级预警的通知');
    expect(page(1)).toContain('一、预警事由');
    expect(page(1)).toContain('—1—');
    expect(page(3)).toContain('招标文件设置排他性条款');
    expect(page(4)).toContain('抄送：区委办公室，区政府办公室，区委组织部。');
    expect(page(4)).toContain('2026年11月23日印发');
    expect(page(4)).toContain('—4—');
  });

  it('renders the plain variant without 版头', async () => {
    const { text } = await extractText(new Uint8Array(await renderOfficialPdf(commitment)), { mergePages: true });
    expect(text).toContain('党风廉政建设承诺书');
    expect(text).toContain('承诺人：王建国');
    expect(text).not.toContain('纪律检查委员会');
  });
});
