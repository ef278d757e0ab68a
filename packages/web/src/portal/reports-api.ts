import { leadingZeroBits, proofOfWorkInput, type PortalReportCreate, type PortalReportStatus } from '@qingfeng/core';
import type { z } from 'zod';

// The portal's own client: no cookie sent or kept, no referrer, nothing cached, same origin only.

export class PortalError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function call<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/portal/reports${path}`, {
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      headers: body instanceof FormData ? {} : { 'content-type': 'application/json' },
      body: body instanceof FormData ? body : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new PortalError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new PortalError(res.status, data.error?.code ?? 'http', data.error?.message ?? `提交失败（HTTP ${res.status}）`);
  return data as T;
}

/**
 * Fetches a single-use challenge and finds a nonce whose SHA-256 has the asked leading zero bits,
 * with WebCrypto, hashing a batch of candidates at a time.
 */
export async function proofOfWork(onProgress?: (tried: number) => void): Promise<{ challengeId: string; nonce: string }> {
  const ch = await call<{ id: string; difficulty: number }>('/challenges', {});
  const enc = new TextEncoder();
  for (let start = 0; ; start += 512) {
    const batch = Array.from({ length: 512 }, (_, i) => start + i);
    const digests = await Promise.all(batch.map((n) => crypto.subtle.digest('SHA-256', enc.encode(proofOfWorkInput(ch.id, String(n))))));
    const hit = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= ch.difficulty);
    if (hit >= 0) return { challengeId: ch.id, nonce: String(start + hit) };
    onProgress?.(start + 512);
  }
}

export type ReportStatus = z.infer<typeof PortalReportStatus>;
export type Receipt = { sealed: false; acceptanceNo: string; queryCode: string } | { sealed: true; message: string };

export const portalApi = {
  submit: (body: PortalReportCreate) => call<Receipt>('', body),
  query: (acceptanceNo: string, queryCode: string) => call<ReportStatus>('/query', { acceptanceNo, queryCode }),
  message: (body: { acceptanceNo: string; queryCode: string; challengeId: string; nonce: string; body: string }) => call<ReportStatus>('/messages', body),
  attach: (acceptanceNo: string, queryCode: string, files: File[]) => {
    const form = new FormData();
    form.append('acceptanceNo', acceptanceNo);
    form.append('queryCode', queryCode);
    for (const f of files) form.append('files', f, f.name);
    return call<ReportStatus>('/attachments', form);
  },
};
