import { isStrongPassword } from '@qingfeng/core';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/types.js';
import { recordAudit } from '../audit/audit.recorder.js';
import { AppError } from '../http/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { createSession, evictUserSessions, type SessionKind } from './sessions.js';
import { acceptTotp, newTotpSecret, totpUri } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
  kind: SessionKind;
}

/**
 * Lockout, then password, then TOTP when bound. Each check of a password or code first takes one of
 * the account's attempts in a single UPDATE, so parallel guesses cannot share a count read before
 * any of them failed: at most LOGIN_MAX_FAILURES checks, the last of which locks the account.
 */
export async function login(ctx: AppContext, input: LoginInput) {
  const { db } = ctx.database;
  const { loginMaxFailures: max, loginLockMinutes } = ctx.config;
  const now = ctx.clock.now();
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await db.transaction().execute((trx) =>
      recordAudit(trx, { system: '登录' }, { action: 'USER_LOGIN_FAILED', objectType: 'user', summary: '登录失败：用户名不存在' }, now),
    );
    throw new AppError('auth.invalid_credentials');
  }

  // The count restarts once a lock has run out; the attempt that reaches the limit locks at once.
  const count = sql<number>`CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END`;
  const taken = await db
    .updateTable('users')
    .set({
      failed_logins: count,
      locked_until: sql<Date | null>`CASE WHEN ${count} >= ${max} THEN ${new Date(now.getTime() + loginLockMinutes * 60_000)}::timestamptz END`,
    })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_logins')
    .executeTakeFirst();
  if (!taken) throw new AppError('auth.locked');
  const last = taken.failed_logins >= max; // this attempt locked the account
  const who = { userId: user.id, username: user.username, displayName: user.display_name };

  // The failure is already counted: it is only recorded, as the lock when it was the last attempt.
  const fail = async (code: 'auth.invalid_credentials' | 'auth.totp_invalid') => {
    await db.transaction().execute((trx) =>
      recordAudit(trx, who, { action: last ? 'USER_LOCKED' : 'USER_LOGIN_FAILED', objectType: 'user', objectId: user.id, orgId: user.org_id }, now),
    );
    throw new AppError(last ? 'auth.locked' : code);
  };
  // The right password on a disabled account, or without the code it needs, was no guess: the
  // attempt goes back (and the lock, if this attempt set it), so the login page may ask for the code.
  const giveBack = async (code: 'auth.disabled' | 'auth.totp_required') => {
    await db
      .updateTable('users')
      .set({ failed_logins: sql<number>`greatest(failed_logins - 1, 0)`, ...(last && { locked_until: null }) })
      .where('id', '=', user.id)
      .execute();
    throw new AppError(code);
  };

  if (!(await verifyPassword(user.password_hash, input.password))) return fail('auth.invalid_credentials');
  if (user.disabled_at) return giveBack('auth.disabled');
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) return giveBack('auth.totp_required');
    totpStep = acceptTotp(user.totp_secret, input.totp, now, user.totp_last_step);
    if (totpStep === null) return fail('auth.totp_invalid');
  }

  const session = await db.transaction().execute(async (trx) => {
    if (totpStep !== null && !(await consumeTotpStep(trx, user.id, totpStep))) return null;
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
    const created = await createSession(trx, ctx.config, user.id, input.kind, now);
    await recordAudit(trx, who, { action: 'USER_LOGGED_IN', objectType: 'user', objectId: user.id, orgId: user.org_id, after: { kind: input.kind } }, now);
    return created;
  });
  return session ?? fail('auth.totp_invalid');
}

/** Records the step of an accepted code; false when a concurrent login with the same code took it. */
async function consumeTotpStep(trx: Executor, userId: number, step: number) {
  const r = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Changes one's own password; every other session of the user ends (a thief's included). */
export async function changePassword(ctx: AppContext, userId: number, current: string, next: string, keepSessionId?: number) {
  const { db } = ctx.database;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) throw new AppError('auth.current_password_wrong');
  if (!isStrongPassword(next)) throw new AppError('auth.password_weak');
  const hashed = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hashed, updated_at: ctx.clock.now() }).where('id', '=', userId).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId !== undefined) others = others.where('id', '<>', keepSessionId);
    await others.execute();
    const who = { userId: user.id, username: user.username, displayName: user.display_name };
    await recordAudit(trx, who, { action: 'USER_PASSWORD_CHANGED', objectType: 'user', objectId: userId, orgId: user.org_id }, ctx.clock.now());
  });
  evictUserSessions(userId);
}

/** Starts TOTP binding: a fresh secret, not active until a code from it is confirmed. */
export async function beginTotp(ctx: AppContext, userId: number) {
  const { db } = ctx.database;
  const user = await db.selectFrom('users').select(['username', 'totp_enabled']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new AppError('request.invalid', '已绑定动态验证码');
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', userId).execute();
  return { secret, uri: totpUri(secret, user.username) };
}

export async function confirmTotp(ctx: AppContext, userId: number, code: string) {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new AppError('request.invalid', '已绑定动态验证码');
  if (!user.totp_secret) throw new AppError('request.invalid', '请先生成绑定二维码');
  const step = acceptTotp(user.totp_secret, code, now, user.totp_last_step);
  if (step === null) throw new AppError('auth.totp_invalid');
  await db.transaction().execute(async (trx) => {
    if (!(await consumeTotpStep(trx, userId, step))) throw new AppError('auth.totp_invalid');
    await trx.updateTable('users').set({ totp_enabled: true, updated_at: now }).where('id', '=', userId).execute();
    const who = { userId: user.id, username: user.username, displayName: user.display_name };
    await recordAudit(trx, who, { action: 'USER_TOTP_ENABLED', objectType: 'user', objectId: userId, orgId: user.org_id }, now);
  });
  evictUserSessions(userId);
}
