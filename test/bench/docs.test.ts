import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The README's Benchmarks section: from its heading to the next one. */
const readmeSection = () => {
  const readme = read('README.md');
  const start = readme.indexOf('## Benchmarks');
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
};

/** Repository paths a text names: bench/…, src/…, test/…, docs/… (a trailing slash for a folder). */
const pathsIn = (text: string) =>
  [...new Set([...text.matchAll(/(?<![\w./-])(?:bench|src|test|docs)\/[\w./-]*[\w/]/g)].map((m) => m[0]))];

describe('the benchmarks\' documentation names files that exist (issue 18)', () => {
  test.each([['docs/bench.md', () => read('docs/bench.md')], ['README.md, Benchmarks', readmeSection]])('%s', (_name, text) => {
    const named = pathsIn(text());
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
