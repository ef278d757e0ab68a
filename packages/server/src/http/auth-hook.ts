import type { Actor } from '@qingfeng/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateToken, SESSION_COOKIE } from '../auth/sessions.js';
import type { AppContext } from '../context.js';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Authenticates from the session cookie or a bearer token; enforces CSRF and admin TOTP. */
export function authHook(ctx: AppContext) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    req.auth = null;
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = bearer ? undefined : req.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (token) {
      req.auth = await authenticateToken(ctx.database.db, ctx.config, token, ctx.clock.now());
    }
    const config = req.routeOptions.config;
    // The API documentation (Swagger UI and its assets) is public, like /api/openapi.json it renders.
    if (config.public || req.routeOptions.url?.startsWith('/api/docs')) return;
    if (!req.auth) throw new AppError('auth.unauthenticated');
    // A cookie rides along on cross-site requests; a header set by our own script does not.
    if (cookie && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.auth.csrfToken) {
      throw new AppError('auth.csrf');
    }
    if (req.auth.totpEnrollmentRequired && !config.duringTotpEnrollment) {
      throw new AppError('auth.totp_enrollment_required');
    }
  };
}

/** The authenticated actor of a route that is not public. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.auth) throw new AppError('auth.unauthenticated');
  return req.auth.actor;
}
