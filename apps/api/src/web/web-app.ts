import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

export const WEB_BASE = '/app';

/**
 * Serves the built web application under /app: hashed assets cached for a year,
 * every other GET under /app answered with index.html (the app routes in the browser).
 */
export function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`WEB_DIR ${dir} has no index.html: run \`npm run build\``);
  app.use(WEB_BASE, express.static(dir, { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
  app.use(WEB_BASE, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page: a stale tab must not run HTML as a script.
    if (req.path.startsWith('/assets/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  app.getHttpAdapter().getInstance().get('/', (_req: Request, res: Response) => res.redirect(302, `${WEB_BASE}/`));
}
