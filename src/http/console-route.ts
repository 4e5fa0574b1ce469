import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { signToken } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { BodyTooLarge, readBody } from './body.js';
import { sendError, sendJson } from './respond.js';
import { findStaticFile, sendStaticFile } from './static-files.js';

/** A route besides POST /graphql: answers and returns true, or returns false for the next route. */
export type Route = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export const consoleDistDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

/**
 * GET /console and /console/* (issue 21): the console's build (dist/console, written by `npm start`'s
 * prestart step, scripts/console-build.ts), its index.html for any path that is not a file (the
 * console routes in the browser). Outside production mode, /console/dev-token mints demo tokens.
 */
export function consoleRoute(config: Config, distDir = consoleDistDir): Route {
  const devToken = devTokenRoute(config);
  return async (req, res, path) => {
    if (path !== '/console' && !path.startsWith('/console/')) return false;
    if (path === '/console/dev-token') return devToken(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/console') {
      res.writeHead(308, { location: '/console/' });
      res.end();
      return true;
    }
    const relative = path.slice('/console/'.length);
    const asset = relative ? await findStaticFile(distDir, relative) : null;
    // A missing file is a 404, not the page: a stale tab asking for an old bundle must not get HTML as script.
    if (!asset && /\.[A-Za-z0-9]+$/.test(relative)) {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    const file = asset ?? await findStaticFile(distDir, 'index.html');
    if (!file) {
      sendJson(res, 503, { error: 'the console is not built: run npm start (its prestart step builds it) or npm run console:build' });
      return true;
    }
    sendStaticFile(res, file, {}, req.method === 'HEAD');
    return true;
  };
}

/**
 * GET /console/dev-token: 200 outside production (the sign-in offers the demo principals).
 * POST /console/dev-token {"principalId": "..."}: a token as `npm run token` prints it. A JSON body
 * is required, so another site's page cannot ask for one without a CORS preflight, which this
 * server never grants. 404 in production mode, or without the HS256 development secret.
 */
function devTokenRoute(config: Config) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (config.production || !config.jwtSecret) {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    if (req.method === 'GET') {
      sendJson(res, 200, { development: true }, { 'cache-control': 'no-store' });
      return true;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, POST' });
      return true;
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      sendError(res, 415, 'BAD_REQUEST', 'Send {"principalId": "..."} as application/json');
      return true;
    }
    let principalId: unknown;
    try {
      principalId = (JSON.parse(await readBody(req, 1000)) as { principalId?: unknown }).principalId;
    } catch (e) {
      if (!(e instanceof BodyTooLarge) && !(e instanceof SyntaxError)) throw e;
    }
    if (typeof principalId !== 'string' || !/^[a-z0-9][a-z0-9-]{0,99}$/.test(principalId)) {
      sendError(res, 400, 'BAD_USER_INPUT', 'principalId must be a principal id such as auditor', { field: 'principalId' });
      return true;
    }
    // Eight hours, a working day, unless the configured maximum lifetime is shorter (as npm run token).
    const ttl = Math.min(8 * 3600, config.JWT_MAX_LIFETIME_SECONDS);
    const token = await signToken(principalId, { secret: config.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttl });
    sendJson(res, 200, { token }, { 'cache-control': 'no-store' });
    return true;
  };
}
