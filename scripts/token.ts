import { signToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';

/** npm run token -- <principal-id>: prints a signed development token as the last line. */
const id = process.argv[2];
if (!id) {
  console.error('usage: npm run token -- <principal-id>   (for example case-manager-a)');
  process.exit(2);
}
const config = loadConfig();
if (config.production || !config.jwtSecret) {
  console.error('npm run token signs with the HS256 secret and works only outside production mode');
  process.exit(2);
}
// Eight hours, a working day, unless the configured maximum lifetime is shorter (src/auth/tokens.ts).
const ttl = Math.min(8 * 3600, config.JWT_MAX_LIFETIME_SECONDS);
console.log(await signToken(id, { secret: config.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttl }));
