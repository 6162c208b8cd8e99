import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as path from 'node:path';

/** The console's files (plain HTML, ES modules and CSS: nothing to build, so a fresh clone serves them). */
export const CONSOLE_DIR = path.resolve(__dirname, '../../console');
export const CONSOLE_PATH = '/console';

/**
 * Served as static files by Express middleware, outside Nest's routes and guards: they hold no data
 * (every figure they show comes from the API, which checks the session and role). `/` leads to them.
 */
export function mountConsole(app: INestApplication): void {
  (app as NestExpressApplication).useStaticAssets(CONSOLE_DIR, {
    prefix: `${CONSOLE_PATH}/`,
    index: 'index.html',
    maxAge: 0,
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' && request.path === '/') return response.redirect(302, `${CONSOLE_PATH}/`);
    next();
  });
}
