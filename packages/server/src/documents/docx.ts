// renderOfficialDocx: a 公文 as a Word file in the GB/T 9704-2012 layout (see README.md).
import { headingLabels, type DocumentBlock, type DocumentHeader, type OfficialDocument } from '@qingfeng/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import {
  CHAR_TIGHTEN_PT,
  CHARS,
  documentTexts,
  issuerMarkSize,
  LANDSCAPE_MARGIN_MM,
  LINE_PT,
  MARGIN_MM,
  MARK_TOP_MM,
  PAGE_MM,
  PAGE_NUMBER_BELOW_MM,
  PT_PER_MM,
  RED,
  RULE_BELOW_NUMBER_MM,
  signOffIndents,
  SIZE,
  TEXT_MM,
  TWIPS_PER_MM,
  widthInChars,
} from './layout.js';

/** The fonts GB/T 9704 names; fontTable.xml gives Word the name to use where one is missing. */
const FONTS = {
  fang: { name: '仿宋_GB2312', alt: '仿宋' },
  kai: { name: '楷体_GB2312', alt: '楷体' },
  hei: { name: '黑体', alt: 'SimHei' },
  biaosong: { name: '方正小标宋简体', alt: '宋体' },
  song: { name: '宋体', alt: 'SimSun' },
} as const;
type FontKey = keyof typeof FONTS;
/** 一、 in 黑体, （一） in 楷体, 1. in 仿宋 */
const HEADING_FONT = { 1: 'hei', 2: 'kai', 3: 'fang' } as const;

const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const LINE = Math.round(LINE_PT * 20);
const CHAR = (SIZE.sanhao - CHAR_TIGHTEN_PT) * 20;
const chars = (n: number) => Math.round(n * CHAR);
const half = (pt: number) => pt * 2;

const fonts = (key: FontKey) => {
  const name = FONTS[key].name;
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
};
const run = (text: string, font: FontKey = 'fang', size = SIZE.sanhao, color?: string) =>
  new TextRun({ text, font: fonts(font), size: half(size), color });

function headerParagraphs(h: DocumentHeader): Paragraph[] {
  const marks = [h.copyNumber, h.secrecy, h.urgency].filter((m): m is string => !!m);
  const markSize = issuerMarkSize(h.issuerMark);
  const numberRuns = h.signer
    ? [run(`　${h.docNumber}\t签发人：`), run(h.signer, 'kai')]
    : [run(h.docNumber)];
  return [
    ...marks.map((m) => new Paragraph({ children: [run(m, 'hei')] })),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: Math.max(0, twips(MARK_TOP_MM) - marks.length * LINE), line: Math.round(markSize * 24), lineRule: LineRuleType.EXACT },
      children: [run(h.issuerMark, 'biaosong', markSize, RED)],
    }),
    new Paragraph({
      alignment: h.signer ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: { before: 2 * LINE },
      tabStops: [{ type: TabStopType.RIGHT, position: chars(CHARS - 1) }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: Math.round(RULE_BELOW_NUMBER_MM * PT_PER_MM) } },
      children: numberRuns,
    }),
  ];
}

function tableOf(block: Extract<DocumentBlock, { kind: 'table' }>, widthMm: number): Table {
  const widths = block.widths ?? block.header.map(() => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((twips(widthMm) * w) / total));
  const line = { spacing: { line: Math.round(SIZE.xiaosi * 1.5 * 20), lineRule: LineRuleType.EXACT } };
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: columnWidths[i]!, type: WidthType.DXA },
            children: text.split('\n').map(
              (t) => new Paragraph({ ...line, alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(t, header ? 'hei' : 'fang', SIZE.xiaosi)] }),
            ),
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
  });
}

/**
 * 版记: 抄送 and 印发机关/日期 between rules (thick outside, thin between), floated to the foot of the
 * text block on the last page: its height is known (exact line heights), so the table sits at an
 * absolute offset from the top margin. Word honours it; LibreOffice 7.4 sets it inline after the 落款.
 */
function recordTable(doc: OfficialDocument, texts: ReturnType<typeof documentTexts>): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const one = SIZE.sihao * 20;
  const width = twips(TEXT_MM.width);
  const ROW = 440;
  const row = (text: string, hanging = 0) =>
    new TableRow({
      children: [
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          children: [
            new Paragraph({
              spacing: { line: ROW, lineRule: LineRuleType.EXACT },
              indent: { left: one + hanging, right: one, hanging },
              tabStops: [{ type: TabStopType.RIGHT, position: width - one }],
              children: [run(text, 'fang', SIZE.sihao)],
            }),
          ],
        }),
      ],
    });
  const ccHanging = widthInChars('抄送：') * one;
  const ccLines = texts.cc ? Math.ceil((widthInChars(texts.cc) * one) / (width - 2 * one - ccHanging)) : 0;
  const height = (ccLines + 1) * ROW + 40;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      absoluteVerticalPosition: twips(TEXT_MM.height) - height,
    },
    borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
    margins: { left: 0, right: 0 },
    rows: [...(texts.cc ? [row(texts.cc, ccHanging)] : []), row(`${doc.record!.printer}\t${texts.printDate}`)],
  });
}

const pageNumberFooter = (odd: boolean) =>
  new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: SIZE.sihao * 20 } : { left: SIZE.sihao * 20 },
        spacing: { line: 340, lineRule: LineRuleType.EXACT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fonts('song'), size: half(SIZE.sihao) })],
      }),
    ],
  });

const portrait: ISectionOptions['properties'] = {
  page: {
    size: { width: twips(PAGE_MM.width), height: twips(PAGE_MM.height) },
    margin: {
      top: twips(MARGIN_MM.top),
      left: twips(MARGIN_MM.left),
      right: twips(MARGIN_MM.right),
      bottom: twips(MARGIN_MM.bottom),
      header: twips(15),
      // the page number's line starts 7 mm below the text block
      footer: twips(MARGIN_MM.bottom - PAGE_NUMBER_BELOW_MM) - 340,
    },
  },
  // 22 lines: Word's line grid; 28 characters come from the tightened 3号 type (a character grid
  // would be exact in Word but LibreOffice spreads the characters over two cells)
  grid: { type: DocumentGridType.LINES, linePitch: LINE },
};
const landscape: ISectionOptions['properties'] = {
  page: {
    size: { width: twips(PAGE_MM.width), height: twips(PAGE_MM.height), orientation: PageOrientation.LANDSCAPE },
    margin: {
      top: twips(LANDSCAPE_MARGIN_MM.top),
      left: twips(LANDSCAPE_MARGIN_MM.left),
      right: twips(LANDSCAPE_MARGIN_MM.right),
      bottom: twips(LANDSCAPE_MARGIN_MM.bottom),
      footer: twips(LANDSCAPE_MARGIN_MM.bottom - PAGE_NUMBER_BELOW_MM) - 340,
    },
  },
};

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${Object.values(FONTS)
  .map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
  .join('')}</w:fonts>`;

export async function renderOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const texts = documentTexts(doc);
  const labels = headingLabels(doc.body);
  const sections: ISectionOptions[] = [];
  let children: (Paragraph | Table)[] = doc.header ? headerParagraphs(doc.header) : [];
  const flush = (properties: ISectionOptions['properties']) => {
    if (children.length) sections.push({ properties, children });
    children = [];
  };

  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: doc.header ? 2 * LINE : 0 },
      children: [run(doc.title, 'biaosong', SIZE.erhao)],
    }),
  );
  if (texts.recipients) children.push(new Paragraph({ spacing: { before: LINE }, children: [run(texts.recipients)] }));
  const indent = { firstLine: chars(2) };
  doc.body.forEach((block, i) => {
    if (block.kind === 'table') {
      if (!block.landscape) return void children.push(tableOf(block, TEXT_MM.width));
      flush(portrait);
      children.push(tableOf(block, PAGE_MM.height - LANDSCAPE_MARGIN_MM.left - LANDSCAPE_MARGIN_MM.right));
      return flush(landscape);
    }
    const font: FontKey = block.kind === 'heading' ? HEADING_FONT[block.level] : 'fang';
    children.push(new Paragraph({ indent, alignment: AlignmentType.BOTH, children: [run(`${labels[i] ?? ''}${block.text}`, font)] }));
  });
  texts.attachments.forEach(({ prefix, name }, i) => {
    const hanging = chars(widthInChars(prefix));
    children.push(
      new Paragraph({
        spacing: { before: i === 0 ? LINE : 0 },
        indent: { left: chars(2 + texts.attachmentIndent), hanging },
        children: [run(`${prefix}${name}`)],
      }),
    );
  });
  const at = signOffIndents(doc.issuer, texts.date);
  children.push(
    new Paragraph({ spacing: { before: LINE }, indent: { left: chars(at.issuer) }, children: [run(doc.issuer)] }),
    new Paragraph({ indent: { left: chars(at.date) }, children: [run(texts.date)] }),
  );
  if (texts.note) children.push(new Paragraph({ indent, children: [run(texts.note)] }));
  if (doc.record) children.push(recordTable(doc, texts), new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT } }));
  flush(portrait);
  sections[0] = { ...sections[0]!, footers: { default: pageNumberFooter(true), even: pageNumberFooter(false) } };

  const document = new Document({
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: fonts('fang'),
            size: half(SIZE.sanhao),
            characterSpacing: -CHAR_TIGHTEN_PT * 20,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections,
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
