export { renderOfficialDocx } from './docx.js';
export { renderOfficialPdf } from './pdf.js';
