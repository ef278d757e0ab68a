import { IdParam, PortalBulletin } from '@qingfeng/core';
import { z } from 'zod';
import { publishedBulletins } from '../bulletins/bulletins.repository.js';
import type { AppContext } from '../context.js';
import { notFound } from '../http/errors.js';
import type { App } from '../http/types.js';

// The public portal: bulletins (通报) a second person approved. No login; nothing but the approved text.
export async function portalBulletinsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  app.get('/bulletins', { config: { public: true }, schema: { tags: ['portal'], summary: '公开的通报（门户，无须登录）', security: [], response: { 200: z.object({ items: z.array(PortalBulletin) }) } } }, async () => ({
    items: await publishedBulletins(db),
  }));
  app.get('/bulletins/:id', { config: { public: true }, schema: { tags: ['portal'], summary: '一则公开的通报', security: [], params: IdParam, response: { 200: PortalBulletin } } }, async (req) => {
    const [item] = await publishedBulletins(db, req.params.id);
    if (!item) throw notFound();
    return item;
  });
}
