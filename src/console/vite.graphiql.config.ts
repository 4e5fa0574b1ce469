import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * GraphiQL for front-end teams (issue 21), served at /graphiql in development only
 * (src/http/graphiql-route.ts). GraphiQL 5 edits with Monaco, whose language services run in web
 * workers: graphiql/setup-workers/vite makes Vite bundle them as files of this build, so nothing is
 * loaded from a CDN.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./graphiql', import.meta.url)),
  base: '/graphiql/',
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Monaco alone is several megabytes; this bundle is for development and is never in production.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // GraphiQL's dependencies mark React server-component boundaries ("use client"), moot in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
