import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@qingfeng/core';
import type { Config } from '../config.js';
import type { Executor } from '../db/types.js';
import { loadActor } from '../policy/actor.js';

export const SESSION_COOKIE = 'qf_session';
export type SessionKind = 'cookie' | 'bearer';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface AuthenticatedSession {
  sessionId: number;
  kind: SessionKind;
  csrfToken: string;
  actor: Actor;
  /**
   * Administrators must bind a TOTP device before doing anything else (等保 2.0 三级). An administrator
   * is whoever holds one of ADMIN_PERMISSIONS: managing accounts or roles can grant any permission.
   */
  totpEnrollmentRequired: boolean;
  totpEnabled: boolean;
}

function idleLimitMs(config: Config, kind: SessionKind) {
  return kind === 'cookie' ? config.sessionIdleMinutes * 60_000 : config.tokenIdleDays * 86_400_000;
}

export async function createSession(db: Executor, config: Config, userId: number, kind: SessionKind, now: Date) {
  const token = newToken();
  const csrfToken = newToken();
  // Expired sessions of this user go when a new one starts, so the table does not grow without end.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<', now).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      kind,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + idleLimitMs(config, kind)),
    })
    .execute();
  return { token, csrfToken };
}

/** Holding any of these makes an account an administrator, who must bind TOTP before anything else. */
export const ADMIN_PERMISSIONS = ['system.admin', 'users.write', 'roles.write'] as const;

export function isAdministrator(actor: Actor): boolean {
  return actor.grants.some((g) => ADMIN_PERMISSIONS.some((p) => g.permissions.has(p)));
}

// Sessions are looked up on every request; a short cache keeps that off the database under load.
// Logging out, a password change or a role change evicts the user's entries at once in this process.
const CACHE_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const cache = new Map<string, { at: number; value: AuthenticatedSession | null; userId: number | null }>();

export function evictUserSessions(userId?: number) {
  for (const [key, entry] of cache) if (userId === undefined || entry.userId === userId) cache.delete(key);
}

export async function authenticateToken(
  db: Executor,
  config: Config,
  token: string,
  now: Date,
): Promise<AuthenticatedSession | null> {
  const tokenHash = hashToken(token);
  const key = tokenHash;
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.value;

  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.kind',
      'sessions.csrf_token',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.totp_enabled',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  let value: AuthenticatedSession | null = null;
  if (row && new Date(row.expires_at) > now) {
    const actor = await loadActor(db, row.user_id);
    if (actor) {
      const isAdmin = isAdministrator(actor);
      value = {
        sessionId: row.id,
        kind: row.kind,
        csrfToken: row.csrf_token,
        actor,
        totpEnabled: row.totp_enabled,
        totpEnrollmentRequired: isAdmin && !row.totp_enabled,
      };
      // Sliding idle timeout, written at most once a minute per session.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: now, expires_at: new Date(now.getTime() + idleLimitMs(config, row.kind)) })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }
  cache.set(key, { at: now.getTime(), value, userId: row?.user_id ?? null });
  return value;
}

export async function endSession(db: Executor, sessionId: number, userId: number) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  evictUserSessions(userId);
}
