import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import type { Route } from './console-route.js';
import { sendJson } from './respond.js';
import { findStaticFile, PAGE_SECURITY_HEADERS, sendStaticFile } from './static-files.js';

export const graphiqlDistDir = fileURLToPath(new URL('../../dist/graphiql/', import.meta.url));

/**
 * GraphiQL's editor (Monaco) writes its styles into <style> elements and measures with data: images;
 * nothing comes from another origin still. Its language services are workers of this build.
 */
const GRAPHIQL_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
  + "worker-src 'self' blob:; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

const FONT_TYPES: Record<string, string> = { '.ttf': 'font/ttf', '.woff': 'font/woff' };

/**
 * GET /graphiql and /graphiql/* (issue 21): GraphiQL for front-end teams, built into dist/graphiql by
 * npm start's prestart step (scripts/console-build.ts). Development only: in production mode it is
 * a 404, like any path the server does not know, whether or not a build is on disk.
 */
export function graphiqlRoute(config: Config, distDir = graphiqlDistDir): Route {
  return async (req, res, path) => {
    if (path !== '/graphiql' && !path.startsWith('/graphiql/')) return false;
    if (config.production) {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/graphiql') {
      res.writeHead(308, { location: '/graphiql/' });
      res.end();
      return true;
    }
    const relative = path.slice('/graphiql/'.length) || 'index.html';
    const file = await findStaticFile(distDir, relative);
    if (!file) {
      const built = await findStaticFile(distDir, 'index.html');
      sendJson(res, built ? 404 : 503, built ? { error: 'not found' } : { error: 'GraphiQL is not built: run npm start (its prestart step builds it) or npm run console:build' });
      return true;
    }
    const font = FONT_TYPES[/\.[a-z0-9]+$/.exec(file.path)?.[0] ?? ''];
    sendStaticFile(res, file, { ...PAGE_SECURITY_HEADERS, 'content-security-policy': GRAPHIQL_CSP, ...(font ? { 'content-type': font } : {}) },
      req.method === 'HEAD');
    return true;
  };
}
