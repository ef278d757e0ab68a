import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md: core imports nothing but zod (no I/O, no clock, no server or web code); server
// and web import core, never each other. This test is the lint rule that keeps it so.
const packages = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );

describe('import direction', () => {
  it('core imports only zod and its own files: the domain stays pure', () => {
    const offenders = sources(join(packages, 'core/src')).flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.startsWith('.') && i !== 'zod')
        .map((i) => `${relative(packages, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('core never reads the clock: now is a parameter', () => {
    const offenders = sources(join(packages, 'core/src')).filter((f) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(packages, f))).toEqual([]);
  });

  it('server and web do not import each other', () => {
    const bad = [
      ...sources(join(packages, 'server/src')).flatMap((f) => importsOf(f).filter((i) => i.includes('@qingfeng/web') || i.includes('web/src')).map((i) => `${relative(packages, f)} → ${i}`)),
      ...sources(join(packages, 'web/src')).flatMap((f) => importsOf(f).filter((i) => i.includes('@qingfeng/server') || i.includes('server/src')).map((i) => `${relative(packages, f)} → ${i}`)),
    ];
    expect(bad).toEqual([]);
  });
});
