// `npm run bench:documents`: renders 1,000 Word notices and 100 PDFs of the sample 预警通知 one after
// another in one process and prints the times (target from the warnings issue: 1,000 Word notices in
// under 20 s).
import { renderOfficialDocx, renderOfficialPdf } from '../src/documents/index.js';
import { warningNotice } from '../test/documents.sample.js';

async function measure(label: string, n: number, render: (i: number) => Promise<Buffer>) {
  let bytes = 0;
  const start = performance.now();
  for (let i = 1; i <= n; i++) bytes += (await render(i)).length;
  const s = (performance.now() - start) / 1000;
  console.log(`| ${label} | ${n} | ${s.toFixed(1)} s | ${((s * 1000) / n).toFixed(1)} ms | ${Math.round(bytes / n / 1024)} KiB |`);
}

const notice = (i: number) => ({ ...warningNotice, header: { ...warningNotice.header!, docNumber: `示纪预〔2026〕${i}号` } });
console.log('| output | count | total | per document | average size |\n|---|---|---|---|---|');
await measure('Word (.docx)', 1000, (i) => renderOfficialDocx(notice(i)));
await measure('PDF', 100, (i) => renderOfficialPdf(notice(i)));
