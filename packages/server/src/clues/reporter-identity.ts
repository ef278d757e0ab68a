import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';

// A named reporter's identity (and every sealed report) is encrypted with AES-256-GCM under a key
// that is NOT in the database: QF_REPORTER_KEY (base64 of 32 bytes) or, when unset, the file
// DATA_DIR/reporter.key, created on first use with mode 0600. A database dump or a backup file alone
// reveals no identity; keep the key apart from the backups and restore it with them.

export interface ReporterKey {
  key: Buffer;
  /** A fingerprint stored beside each ciphertext, so a wrong key is named instead of failing blindly. */
  id: string;
}

const cache = new Map<string, ReporterKey>();

function fromBytes(key: Buffer): ReporterKey {
  if (key.length !== 32) throw new Error('举报人身份密钥须为 32 字节（QF_REPORTER_KEY 为其 base64 编码）');
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

export function reporterKey(config: Pick<Config, 'reporterKey' | 'dataDir'>): ReporterKey {
  if (config.reporterKey) return fromBytes(Buffer.from(config.reporterKey, 'base64'));
  const file = join(config.dataDir, 'reporter.key');
  const cached = cache.get(file);
  if (cached) return cached;
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
    }
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  const k = fromBytes(key);
  cache.set(file, k);
  return k;
}

/** iv (12) ‖ tag (16) ‖ ciphertext; `context` (e.g. "clue:42") is bound as associated data. */
export function seal(k: ReporterKey, context: string, value: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unseal<T>(k: ReporterKey, keyId: string, context: string, sealed: Buffer): T {
  if (keyId !== k.id) throw new Error(`密文使用的密钥（${keyId}）与当前配置的密钥（${k.id}）不同`);
  const buf = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', k.key, buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(buf.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8')) as T;
}
