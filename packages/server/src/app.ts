import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zodMessages } from '@qingfeng/core';
import { auditRoutes } from './audit/audit.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { cluesRoutes } from './clues/clues.routes.js';
import { sealedReportsRoutes } from './clues/sealed-reports.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import type { AppContext } from './context.js';
import { commitmentsRoutes } from './commitments/commitments.routes.js';
import { checkCampaignsRoutes } from './check-campaigns/campaigns.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { authHook } from './http/auth-hook.js';
import { errorHandler } from './http/error-handler.js';
import { AppError } from './http/errors.js';
import type { App } from './http/types.js';
import { importRoutes } from './imports/imports.routes.js';
import { orgsRoutes } from './orgs/orgs.routes.js';
import { WEB_DIST } from './paths.js';
import { peopleRoutes } from './people/people.routes.js';
import { portalRiskRoutes } from './portal/portal.risk.routes.js';
import { portalReportsRoutes } from './portal/portal.reports.routes.js';
import { pageHeaders } from './http/page-headers.js';
import { postsRoutes } from './posts/posts.routes.js';
import { powersRoutes } from './powers/powers.routes.js';
import { riskMatricesRoutes } from './risk-matrices/risk-matrices.routes.js';
import { riskPointsRoutes } from './risk-points/risk-points.routes.js';
import { rolesRoutes } from './roles/roles.routes.js';
import { todosRoutes } from './todos/todos.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { warningsRoutes } from './warnings/warnings.routes.js';
import { bulletinsRoutes } from './bulletins/bulletins.routes.js';
import { leadershipReportsRoutes } from './leadership-reports/leadership-reports.routes.js';
import { portalBulletinsRoutes } from './portal/portal.bulletins.routes.js';
import { talksRoutes } from './talks/talks.routes.js';
import { talkPlansRoutes } from './talk-plans/talk-plans.routes.js';
import { accountabilityRoutes } from './accountability-decisions/accountability.routes.js';
import { assessmentsRoutes } from './assessments/assessments.routes.js';
import { evaluationsRoutes } from './evaluations/evaluations.routes.js';
import { personalMattersRoutes } from './personal-matters/personal-matters.routes.js';
import { archivesRoutes } from './archives/archives.routes.js';
import { integrityOpinionsRoutes } from './integrity-opinions/opinions.routes.js';

// Validation messages wholly in Chinese (zod's own zh-CN leaves type names and operators in English).
z.config({ localeError: zodMessages });

export interface BuildOptions {
  /** Where request logs go; tests capture them to prove what is never logged. */
  logStream?: NodeJS.WritableStream;
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Route pattern and status only: no IP address, headers, cookies or query strings in the logs.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
        // Type, code, message and stack only: a database error's `detail` can quote the row's values
        // (an ID number in a unique violation).
        err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: err.message, stack: err.stack ?? '' }),
      },
    },
    trustProxy: false,
    // A request the HTTP parser cannot read (e.g. raw non-ASCII bytes in the URL) gets the same
    // error shape as every other refusal.
    clientErrorHandler: (_err, socket) => {
      const body = JSON.stringify({ error: { code: 'request.invalid', message: '请求格式不正确（网址中的中文等字符须经 URL 编码）' } });
      if (socket.writable) {
        socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      }
    },
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('auth', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '清风 · 廉政风险防控预警平台 API', version: '1.0.0', description: '资源位于 /api/v1/。浏览器使用会话 Cookie（写操作须带 X-CSRF-Token），其他客户端使用 Authorization: Bearer 令牌。' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'qf_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  app.addHook('onRequest', authHook(ctx));
  // Nothing the API says may be cached by a browser or a proxy.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    pageHeaders(req.url, reply);
  });

  await app.register(async (api) => {
    await healthRoutes(api as App, ctx);
    await authRoutes(api as App, ctx);
  });
  await app.register(
    async (v1) => {
      const api = v1 as App;
      await orgsRoutes(api, ctx);
      await peopleRoutes(api, ctx);
      await postsRoutes(api, ctx);
      await usersRoutes(api, ctx);
      await rolesRoutes(api, ctx);
      await auditRoutes(api, ctx);
      await importRoutes(api, ctx);
      await calendarRoutes(api, ctx);
      await todosRoutes(api, ctx);
      await warningsRoutes(api, ctx);
      await bulletinsRoutes(api, ctx);
      await leadershipReportsRoutes(api, ctx);
      await riskMatricesRoutes(api, ctx);
      await riskPointsRoutes(api, ctx);
      await powersRoutes(api, ctx);
      await commitmentsRoutes(api, ctx);
      await checkCampaignsRoutes(api, ctx);
      await cluesRoutes(api, ctx);
      await sealedReportsRoutes(api, ctx);
      // issue 6
      await talksRoutes(api, ctx);
      await talkPlansRoutes(api, ctx);
      await accountabilityRoutes(api, ctx);
      await assessmentsRoutes(api, ctx);
      await evaluationsRoutes(api, ctx);
      await personalMattersRoutes(api, ctx);
      await archivesRoutes(api, ctx);
      await integrityOpinionsRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  // The public portal: no login, only what was published (each route is marked public).
  await app.register(
    async (portal) => {
      await portalBulletinsRoutes(portal as App, ctx);
      await portalRiskRoutes(portal as App, ctx);
    },
    { prefix: '/api/portal' },
  );
  // Public reports: their own plugin with its own rate limit (see portal/).
  await app.register(async (portal) => portalReportsRoutes(portal as App, ctx), { prefix: '/api/portal' });

  const serveWeb = options.serveWeb ?? true;
  if (serveWeb && existsSync(WEB_DIST)) {
    // wildcard: files are looked up per request, so a rebuilt bundle is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  }
  app.setNotFoundHandler((req, reply) => {
    // A missing API route or bundle file is a 404, not the app's page.
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !serveWeb || !existsSync(WEB_DIST)) {
      const e = new AppError('not_found');
      return reply.status(404).send({ error: { code: e.code, message: e.message } });
    }
    // The single-page app handles its own routes.
    return reply.type('text/html').sendFile('index.html');
  });

  return app as unknown as App;
}
