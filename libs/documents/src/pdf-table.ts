import { existsSync } from 'node:fs';
import type PdfMake from 'pdfmake';
import { type TableDocument, type TableSheet, allRows, placeCells } from './table';

/**
 * The printed form of a table document as a PDF: A4 (landscape where the
 * spreadsheet is), each sheet on its own pages with the title, the 填报单位 line
 * and the print time, bordered cells in the spreadsheet's column proportions,
 * header rows repeated after every page break, and 第 n 页，共 m 页 at the foot.
 *
 * Chinese is set in Noto Sans CJK SC from Debian's fonts-noto-cjk. Its files are
 * TrueType collections (.ttc); pdfmake (through pdfkit/fontkit) opens a face of a
 * collection by its PostScript name, so the collection is used as installed and
 * only the glyphs used are embedded.
 */

const FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto', '/usr/share/fonts/noto-cjk'];
const FAMILY = 'NotoSansCJK';

/** The machine has no Noto Sans CJK: no PDF can be set in Chinese. */
export class CjkFontMissing extends Error {}

/** The Noto Sans CJK SC faces (file and PostScript name) in the first of `dirs` that has them. */
export function cjkFont(dirs: readonly string[] = FONT_DIRS): { regular: [string, string]; bold: [string, string] } {
  for (const dir of dirs) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    const bold = `${dir}/NotoSansCJK-Bold.ttc`;
    if (existsSync(regular)) return { regular: [regular, 'NotoSansCJKsc-Regular'], bold: [existsSync(bold) ? bold : regular, existsSync(bold) ? 'NotoSansCJKsc-Bold' : 'NotoSansCJKsc-Regular'] };
  }
  throw new CjkFontMissing(`No CJK font for PDF documents: install Debian's fonts-noto-cjk (looked for NotoSansCJK-Regular.ttc in ${dirs.join(', ')})`);
}

/** pdfmake, loaded when the first PDF is printed: it takes ~0.3 s to load, and most processes never print. */
let loaded: typeof PdfMake | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
const pdfmakeModule = (): typeof PdfMake => (loaded ??= require('pdfmake') as typeof PdfMake);

let configured: string | undefined;
function configure(): typeof PdfMake {
  const pdfmake = pdfmakeModule();
  const font = cjkFont();
  if (configured === font.regular[0]) return pdfmake;
  // Nothing is fetched: no URLs, and from the disk only the fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path === font.regular[0] || path === font.bold[0]);
  pdfmake.setFonts({ [FAMILY]: { normal: [...font.regular], bold: [...font.bold], italics: [...font.regular], bolditalics: [...font.bold] } });
  configured = font.regular[0];
  return pdfmake;
}

const MARGIN = 36;
const A4 = { short: 595.28, long: 841.89 };
const PADDING = 3;

/** The print time as read in China: 2026年12月1日 20:45. */
export function printTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const hh = String(china.getUTCHours()).padStart(2, '0');
  const mm = String(china.getUTCMinutes()).padStart(2, '0');
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${hh}:${mm}`;
}

function sheetContent(s: TableSheet, index: number, printedAt: Date): unknown[] {
  const columns = s.widths.length;
  const pageWidth = (s.landscape ? A4.long : A4.short) - 2 * MARGIN;
  // pdfmake's widths exclude each cell's padding and the rules between cells.
  const room = pageWidth - columns * 2 * PADDING - (columns + 1);
  const total = s.widths.reduce((a, b) => a + b, 0);
  const widths = s.widths.map((w) => Math.floor((room * w * 100) / total) / 100);
  const body: unknown[][] = allRows(s).map(() => Array.from({ length: columns }, () => ({})));
  for (const c of placeCells(s)) {
    body[c.row]![c.col] = {
      text: String(c.value),
      bold: c.bold,
      preserveLeadingSpaces: true,
      alignment: c.bold ? 'center' : 'left',
      ...(c.header ? { fillColor: '#f2f2f2' } : {}),
      ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
      ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    };
  }
  const heights = allRows(s).map((r) => r.height ?? 'auto');
  const unitLine = `填报单位：${s.unit}${s.date ? `${' '.repeat(4)}${s.date}` : ''}`;
  return [
    {
      text: s.title,
      style: 'title',
      ...(index > 0 ? { pageBreak: 'before', pageOrientation: s.landscape ? 'landscape' : 'portrait' } : {}),
    },
    { columns: [{ text: unitLine }, { text: `打印时间：${printTime(printedAt)}`, alignment: 'right', width: 'auto' }], style: 'unit' },
    // pdfmake cannot lay out a table without rows.
    ...(body.length === 0 ? [] : [{
      // A wide table (附件1 has 15 columns) in a smaller size, so that short labels stay on one line.
      fontSize: columns > 10 ? 8 : 9,
      table: { headerRows: s.header.length, widths, heights, body },
      layout: {
        paddingLeft: () => PADDING,
        paddingRight: () => PADDING,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
    }]),
  ];
}

/** The document as an A4 PDF (see above). */
export function tablePdf(doc: TableDocument, printedAt: Date = new Date()): Promise<Buffer> {
  const pdfmake = configure();
  const first = doc.sheets[0];
  return pdfmake
    .createPdf({
      pageSize: 'A4',
      pageOrientation: first?.landscape ? 'landscape' : 'portrait',
      pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN + 8],
      info: { title: doc.title, creator: 'Pennant', producer: 'Pennant' },
      defaultStyle: { font: FAMILY, fontSize: 9, lineHeight: 1.15 },
      styles: { title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 8] }, unit: { fontSize: 10, margin: [0, 0, 0, 6] } },
      footer: (page: number, pages: number) => ({ text: `第 ${page} 页，共 ${pages} 页`, alignment: 'center', fontSize: 9, margin: [0, 10, 0, 0] }),
      content: doc.sheets.flatMap((s, i) => sheetContent(s, i, printedAt)),
    })
    .getBuffer();
}
