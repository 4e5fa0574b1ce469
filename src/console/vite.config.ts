import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console (issue 21): a React single-page app served by the API at /console (src/http/console-route.ts).
 * Vite 8 compiles TSX with its built-in oxc transform; no plugin is needed for a production build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  // Offline and private: nothing is fetched at build or run time, no telemetry.
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // One chunk per page would help only past the 300 kB budget; a source map would show the source to anyone.
    sourcemap: false,
  },
});
