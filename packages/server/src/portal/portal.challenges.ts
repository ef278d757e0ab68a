import { createHash, randomBytes } from 'node:crypto';
import { leadingZeroBits, proofOfWorkInput } from '@qingfeng/core';
import type { Config } from '../config.js';
import type { Executor } from '../db/types.js';
import { AppError } from '../http/errors.js';

// A hashcash-style proof of work for the public portal: the server hands out a random challenge id
// and a difficulty; the browser finds a nonce whose SHA-256(id:nonce) starts with that many zero
// bits (WebCrypto, about a second) and sends it with the report. A challenge is good once, for ten
// minutes, and is deleted when used. Nothing about the requester is recorded.

const LIFETIME_MS = 10 * 60_000;

export async function issueChallenge(db: Executor, config: Config, now: Date) {
  await db.deleteFrom('portal_challenges').where('expires_at', '<', now).execute();
  const id = randomBytes(16).toString('hex');
  const expiresAt = new Date(now.getTime() + LIFETIME_MS);
  await db.insertInto('portal_challenges').values({ id, difficulty: config.portalPowBits, expires_at: expiresAt }).execute();
  return { id, difficulty: config.portalPowBits, expiresAt: expiresAt.toISOString() };
}

/** Spends a challenge inside the caller's transaction: a replayed, expired or unsolved one is refused. */
export async function spendChallenge(trx: Executor, challengeId: string, nonce: string, now: Date): Promise<void> {
  const used = await trx.deleteFrom('portal_challenges').where('id', '=', challengeId).where('expires_at', '>', now).returning('difficulty').executeTakeFirst();
  if (!used) throw new AppError('portal.challenge_invalid');
  const digest = createHash('sha256').update(proofOfWorkInput(challengeId, nonce)).digest();
  if (leadingZeroBits(digest) < used.difficulty) throw new AppError('portal.challenge_invalid', '安全验证未通过，请刷新页面后重新提交');
}

/** Solves a challenge (tests and the benchmark; the browser does the same with WebCrypto). */
export function solveChallenge(challengeId: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(proofOfWorkInput(challengeId, String(n))).digest();
    if (leadingZeroBits(digest) >= difficulty) return String(n);
  }
}
