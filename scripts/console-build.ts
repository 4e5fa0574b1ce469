import { bundles, inputsHash, isCurrent, stamp } from '../src/console/build/bundles.js';

/**
 * npm start's prestart step (and npm run console:build, which forces it): builds the console
 * (dist/console) and GraphiQL (dist/graphiql) with Vite when their sources changed since the last
 * build, offline. Nothing to do takes a second or two (Vite is loaded only to build).
 */
const force = process.argv.includes('--force');
// The bundles are always production builds (minified React): Vite would follow a NODE_ENV=development
// of the shell that runs npm start, and that is about the API's mode, not the bundles'.
process.env.NODE_ENV = 'production';
const hash = inputsHash();
for (const bundle of bundles()) {
  if (!force && isCurrent(bundle, hash)) continue;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: bundle.config, logLevel: 'warn', mode: 'production' });
  stamp(bundle, hash);
  console.log(`built ${bundle.name} into ${bundle.outDir} in ${Date.now() - started} ms`);
}
