import { LoginBody, Me, PasswordChange, permissionsOf, TotpConfirm } from '@qingfeng/core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.recorder.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hook.js';
import type { App } from '../http/types.js';
import { beginTotp, changePassword, confirmTotp, login } from './auth.usecases.js';
import { endSession, SESSION_COOKIE } from './sessions.js';

const Ok = z.object({ ok: z.literal(true) });

export async function authRoutes(app: App, ctx: AppContext) {
  const tags = ['auth'];

  async function me(req: FastifyRequest) {
    const auth = req.auth!;
    const actor = auth.actor;
    const roles = await ctx.database.db
      .selectFrom('user_roles')
      .innerJoin('roles', 'roles.id', 'user_roles.role_id')
      .select(['roles.code', 'roles.name', 'roles.scope_kind'])
      .where('user_roles.user_id', '=', actor.userId)
      .execute();
    return {
      userId: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      orgId: actor.orgId,
      personId: actor.personId,
      permissions: permissionsOf(actor),
      roles: roles.map((r) => ({ code: r.code, name: r.name, scopeKind: r.scope_kind as 'all' })),
      totpEnabled: auth.totpEnabled,
      totpEnrollmentRequired: auth.totpEnrollmentRequired,
      csrfToken: auth.csrfToken,
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '登录：浏览器（client=browser）获得会话 Cookie；其他客户端获得 Bearer 令牌',
        body: LoginBody.extend({ client: z.enum(['browser', 'api']).default('api') }),
        response: {
          200: z.object({
            token: z.string().optional().describe('Bearer 令牌（仅 client=api）'),
            tokenType: z.literal('Bearer').optional(),
            csrfToken: z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      const kind = req.body.client === 'browser' ? 'cookie' : 'bearer';
      const session = await login(ctx, { ...req.body, kind });
      if (kind === 'cookie') {
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.cookieSecure,
        });
        return { csrfToken: session.csrfToken };
      }
      return { token: session.token, tokenType: 'Bearer' as const, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { duringTotpEnrollment: true }, schema: { tags, summary: '退出登录', response: { 200: Ok } } },
    async (req, reply) => {
      const auth = req.auth!;
      await endSession(ctx.database.db, auth.sessionId, auth.actor.userId);
      await ctx.database.db.transaction().execute((trx) =>
        recordAudit(trx, auth.actor, { action: 'USER_LOGGED_OUT', objectType: 'user', objectId: auth.actor.userId }, ctx.clock.now()),
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { duringTotpEnrollment: true }, schema: { tags, summary: '当前用户、权限与防伪令牌', response: { 200: Me } } },
    me,
  );

  app.post(
    '/api/auth/password',
    { config: { duringTotpEnrollment: true }, schema: { tags, summary: '修改本人密码', body: PasswordChange, response: { 200: Ok } } },
    async (req) => {
      await changePassword(ctx, actorOf(req).userId, req.body.password, req.body.newPassword, req.auth!.sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { duringTotpEnrollment: true },
      schema: { tags, summary: '生成动态验证码绑定密钥', response: { 200: z.object({ secret: z.string(), uri: z.string() }) } },
    },
    async (req) => beginTotp(ctx, actorOf(req).userId),
  );

  app.post(
    '/api/auth/totp/confirm',
    { config: { duringTotpEnrollment: true }, schema: { tags, summary: '输入动态验证码完成绑定', body: TotpConfirm, response: { 200: Ok } } },
    async (req) => {
      await confirmTotp(ctx, actorOf(req).userId, req.body.totp);
      return { ok: true as const };
    },
  );
}
