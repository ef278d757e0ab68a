// renderOfficialPdf: the same 公文 as renderOfficialDocx, laid out with pdfkit. The font is Noto Serif SC
// from the npm package @expo-google-fonts/noto-serif-sc (SIL OFL), embedded as a subset of the
// glyphs used: regular for 仿宋/楷体 text, bold for the issuer mark, title and 黑体 headings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { headingLabels, type DocumentBlock, type OfficialDocument } from '@qingfeng/core';
import PDFDocument from 'pdfkit';
import {
  CHAR_TIGHTEN_PT,
  documentTexts,
  issuerMarkSize,
  LANDSCAPE_MARGIN_MM,
  LINE_PT,
  MARGIN_MM,
  MARK_TOP_MM,
  PAGE_NUMBER_BELOW_MM,
  pageNumberText,
  PT_PER_MM,
  RED,
  RULE_BELOW_NUMBER_MM,
  signOffIndents,
  SIZE,
  widthInChars,
} from './layout.js';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
  });

const mm = (v: number) => v * PT_PER_MM;
const margins = (m: typeof MARGIN_MM) => ({ top: mm(m.top), left: mm(m.left), right: mm(m.right), bottom: mm(m.bottom) });
const PORTRAIT = { size: 'A4', layout: 'portrait' as const, margins: margins(MARGIN_MM) };
const LANDSCAPE = { size: 'A4', layout: 'landscape' as const, margins: margins(LANDSCAPE_MARGIN_MM) };
const CHAR = SIZE.sanhao - CHAR_TIGHTEN_PT;
const HEADING_FONT = { 1: 'bold', 2: 'regular', 3: 'regular' } as const;
type Font = 'regular' | 'bold';

export async function renderOfficialPdf(doc: OfficialDocument): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const pdf = new PDFDocument({ ...PORTRAIT, bufferPages: true, lang: 'zh-CN', info: { Title: doc.title } });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => pdf.on('end', resolve));

  const left = () => pdf.page.margins.left;
  const textWidth = () => pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  /** One paragraph on the 28.95 pt line grid. */
  const write = (text: string, o: { font?: Font; size?: number; color?: string; x?: number; y?: number; width?: number; indent?: number; align?: 'left' | 'center' | 'right' | 'justify'; pitch?: number } = {}) => {
    pdf.font(o.font ?? 'regular').fontSize(o.size ?? SIZE.sanhao).fillColor(o.color ?? 'black');
    const x = o.x ?? left();
    pdf.text(text, x, o.y ?? pdf.y, {
      width: o.width ?? textWidth() - (x - left()),
      indent: o.indent ?? 0,
      align: o.align ?? 'left',
      characterSpacing: -CHAR_TIGHTEN_PT,
      lineGap: (o.pitch ?? LINE_PT) - pdf.currentLineHeight(true),
    });
  };
  const blankLines = (n: number) => (pdf.y += n * LINE_PT);

  const texts = documentTexts(doc);
  const h = doc.header;
  if (h) {
    const marks = [h.copyNumber, h.secrecy, h.urgency].filter((m): m is string => !!m);
    marks.forEach((m) => write(m, { font: 'bold' }));
    const markSize = issuerMarkSize(h.issuerMark);
    write(h.issuerMark, { font: 'bold', size: markSize, color: `#${RED}`, y: pdf.page.margins.top + mm(MARK_TOP_MM), align: 'center', pitch: markSize * 1.2 });
    blankLines(2);
    const numberY = pdf.y;
    if (h.signer) {
      write(`　${h.docNumber}`, { y: numberY });
      write(`签发人：${h.signer}　`, { y: numberY, align: 'right' });
    } else write(h.docNumber, { y: numberY, align: 'center' });
    const ruleY = numberY + SIZE.sanhao * 1.3 + mm(RULE_BELOW_NUMBER_MM);
    pdf.moveTo(left(), ruleY).lineTo(left() + textWidth(), ruleY).lineWidth(1.5).strokeColor(`#${RED}`).stroke();
    pdf.y = ruleY + 2 * LINE_PT - (LINE_PT - SIZE.erhao) / 2;
  }
  write(doc.title, { font: 'bold', size: SIZE.erhao, align: 'center' });
  if (texts.recipients) {
    blankLines(1);
    write(texts.recipients);
  }
  const labels = headingLabels(doc.body);
  doc.body.forEach((block, i) => {
    if (block.kind === 'table') return drawTable(block);
    const font = block.kind === 'heading' ? HEADING_FONT[block.level] : 'regular';
    write(`${labels[i] ?? ''}${block.text}`, { font, indent: 2 * CHAR, align: 'justify' });
  });

  function drawTable(block: Extract<DocumentBlock, { kind: 'table' }>) {
    const layout = block.landscape ? LANDSCAPE : PORTRAIT;
    if (block.landscape) pdf.addPage(layout);
    const weights = block.widths ?? block.header.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (textWidth() * w) / total);
    const pad = 4;
    const row = (cells: string[], header: boolean) => {
      pdf.font(header ? 'bold' : 'regular').fontSize(SIZE.xiaosi);
      const opts = (i: number) => ({ width: widths[i]! - 2 * pad, align: header ? ('center' as const) : ('left' as const), lineGap: 4 });
      const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c, opts(i)))) + 2 * pad;
      if (pdf.y + height > bottom()) {
        pdf.addPage(layout);
        if (!header) row(block.header, true);
      }
      const y = pdf.y;
      let x = left();
      cells.forEach((c, i) => {
        pdf.rect(x, y, widths[i]!, height).lineWidth(0.5).strokeColor('black').stroke();
        pdf.fillColor('black').text(c, x + pad, y + pad, opts(i));
        x += widths[i]!;
      });
      pdf.x = left();
      pdf.y = y + height;
    };
    row(block.header, true);
    block.rows.forEach((r) => row(r, false));
    if (block.landscape) pdf.addPage(PORTRAIT);
    else blankLines(0.5);
  }

  if (texts.attachments.length) blankLines(1);
  for (const { prefix, name } of texts.attachments) {
    const x = left() + (2 + texts.attachmentIndent) * CHAR;
    write(`${prefix}${name}`, { x, indent: -widthInChars(prefix) * CHAR });
  }
  const at = signOffIndents(doc.issuer, texts.date);
  blankLines(1);
  write(doc.issuer, { x: left() + at.issuer * CHAR });
  write(texts.date, { x: left() + at.date * CHAR });
  if (texts.note) write(texts.note, { indent: 2 * CHAR });

  if (doc.record) {
    const one = SIZE.sihao;
    const lines = [...(texts.cc ? [texts.cc] : []), `${doc.record.printer}`];
    pdf.font('regular').fontSize(one);
    const rowHeight = (t: string) => pdf.heightOfString(t, { width: textWidth() - 2 * one, lineGap: 6 }) + 8;
    const height = lines.reduce((a, t) => a + rowHeight(t), 0);
    if (pdf.y + height > bottom()) pdf.addPage(PORTRAIT);
    let y = bottom() - height;
    const rule = (at: number, w: number) => pdf.moveTo(left(), at).lineTo(left() + textWidth(), at).lineWidth(w).strokeColor('black').stroke();
    rule(y, 1);
    lines.forEach((t, i) => {
      const last = i === lines.length - 1;
      pdf.fillColor('black').text(t, left() + one, y + 5, { width: textWidth() - 2 * one, lineGap: 6, characterSpacing: -CHAR_TIGHTEN_PT });
      if (last) pdf.text(texts.printDate!, left() + one, y + 5, { width: textWidth() - 2 * one, align: 'right' });
      y += rowHeight(t);
      rule(y, last ? 1 : 0.7);
    });
  }

  // Page numbers: 4号 "— 1 —" 7 mm below the text block, odd pages right, even pages left, one character in.
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const { margins: m, width, height } = pdf.page;
    const y = height - m.bottom + mm(PAGE_NUMBER_BELOW_MM);
    m.bottom = 0;
    const odd = (i + 1) % 2 === 1;
    pdf.font('regular').fontSize(SIZE.sihao).fillColor('black');
    pdf.text(pageNumberText(i + 1), m.left + SIZE.sihao, y, { width: width - m.left - m.right - 2 * SIZE.sihao, align: odd ? 'right' : 'left', lineBreak: false });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
