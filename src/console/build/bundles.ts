import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const consoleDir = join(root, 'src/console');

/** A browser bundle of the console's tree: its Vite config and where it is built. */
export interface Bundle {
  name: string;
  config: string;
  outDir: string;
}

/** The console (always) and GraphiQL (once its config exists); both built from src/console. */
export function bundles(): Bundle[] {
  const all: Bundle[] = [
    { name: 'console', config: join(consoleDir, 'vite.config.ts'), outDir: join(root, 'dist/console') },
    { name: 'graphiql', config: join(consoleDir, 'vite.graphiql.config.ts'), outDir: join(root, 'dist/graphiql') },
  ];
  return all.filter((b) => existsSync(b.config));
}

/**
 * sha256 over every file of src/console and the lockfile (the packages bundled): a build is current
 * when its stamp holds this hash. Content, not modification times: a fresh checkout has new mtimes.
 */
export function inputsHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(consoleDir, { recursive: true, encoding: 'utf8' }).sort();
  for (const f of files) {
    const path = join(consoleDir, f);
    let content: Buffer;
    try {
      content = readFileSync(path);
    } catch {
      continue; // a directory
    }
    hash.update(f).update('\0').update(content).update('\0');
  }
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

const stampOf = (b: Bundle) => join(root, 'dist', `.${b.name}.inputs-sha256`);

export function isCurrent(b: Bundle, hash: string): boolean {
  try {
    return readFileSync(stampOf(b), 'utf8') === hash && existsSync(join(b.outDir, 'index.html'));
  } catch {
    return false;
  }
}

export function stamp(b: Bundle, hash: string): void {
  writeFileSync(stampOf(b), hash);
}
