// Test helper: a Word file as LibreOffice prints it (PDF) and one of its pages as a PNG, written to
// test-artifacts/ so a person can look at the layout. Needs Debian's libreoffice-writer-nogui and
// poppler-utils (.ci/run installs them).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

/** LibreOffice and pdftoppm are present (CI installs them; a developer's machine may lack them). */
export const canConvertDocx = existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftoppm');

/** Writes `<name>.docx`, `<name>.pdf` and `<name>-p<page>.png` under test-artifacts/; returns their paths. */
export async function docxToPng(docx: Buffer, name: string, page = 1): Promise<{ docx: string; pdf: string; png: string }> {
  await mkdir(ARTIFACTS, { recursive: true });
  const paths = { docx: join(ARTIFACTS, `${name}.docx`), pdf: join(ARTIFACTS, `${name}.pdf`), png: join(ARTIFACTS, `${name}-p${page}.png`) };
  await writeFile(paths.docx, docx);
  // A profile of its own, so parallel test files do not share LibreOffice's lock.
  const profile = await mkdtemp(join(tmpdir(), 'qf-lo-'));
  try {
    await exec('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', ARTIFACTS, paths.docx], { timeout: 120_000 });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  await exec('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', paths.pdf, paths.png.replace(/\.png$/, '')]);
  return paths;
}
