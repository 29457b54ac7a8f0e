/** The part of pdfmake 0.3's server-side API (its CommonJS entry, a ready instance) that the PDF renderer uses. */
declare module 'pdfmake' {
  type FontFile = string | [path: string, postscriptName: string];
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, { normal: FontFile; bold: FontFile; italics: FontFile; bolditalics: FontFile }>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(docDefinition: Record<string, unknown>, options?: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export = pdfmake;
}
