import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The project stands alone: every requirement number the code and the tests cite is explained in
 * docs/requirements.md, and nothing cites a design or contract document that a clone of the
 * repository does not have (issue 18).
 */
const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Files under the given folders (and single files), as paths relative to the repository. */
function filesOf(...paths: string[]): string[] {
  const walk = (path: string): string[] => {
    const full = join(root, path);
    if (!statSync(full).isDirectory()) return [path];
    return readdirSync(full).filter((name) => name !== 'node_modules').flatMap((name) => walk(join(path, name)));
  };
  return paths.filter((p) => existsSync(join(root, p))).flatMap(walk).sort();
}

const requirementsDoc = read('docs/requirements.md');
/** Each requirement is a paragraph that starts with its bold number: **R6 — Individually designated staff.** */
const paragraphs = requirementsDoc.split(/^(?=\*\*R\d{1,2} — )/m).slice(1);
const explained = new Set([...requirementsDoc.matchAll(/^\*\*R(\d{1,2}) — /gm)].map((m) => Number(m[1])));

describe('docs/requirements.md explains every requirement the project cites', () => {
  test('it explains R1 to R26, each once, with its source and its tests', () => {
    expect([...explained].sort((a, b) => a - b)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(paragraphs).toHaveLength(26);
    const incomplete = paragraphs.filter((p) => !/^- Source: /m.test(p) || !/^- Tests: `test\//m.test(p)).map((p) => p.slice(0, 12));
    expect(incomplete).toEqual([]);
  });

  test('the tests it names for a requirement exist and cite that requirement', () => {
    const unproven = paragraphs.flatMap((paragraph) => {
      const number = paragraph.slice(2, paragraph.indexOf(' '));
      const tests = [...(/^- Tests: (.*)$/m.exec(paragraph)?.[1] ?? '').matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1]);
      return tests.filter((file) => !existsSync(join(root, file)) || !new RegExp(`\\b${number}\\b`).test(read(file)))
        .map((file) => `${number}: ${file}`);
    });
    expect(unproven).toEqual([]);
  });

  test('every number cited in src/ and test/ is explained there', () => {
    const missing = filesOf('src', 'test').flatMap((file) =>
      [...read(file).matchAll(/\bR(\d{1,2})\b/g)].filter((m) => !explained.has(Number(m[1]))).map((m) => `${m[0]} in ${file}`));
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('no file cites a document outside the repository', () => {
  const scanned = filesOf('src', 'test', 'policies', 'docs', 'README.md');
  const docsListing = new Set(readdirSync(join(root, 'docs')));
  // Spelt in pieces so that this file does not cite them itself.
  const outside = ['..', 'shared'].join('/');
  const designDocs = new RegExp(`[\\w./-]*\\b(?:${['DESIGN', 'API', 'REQUIREMENTS', 'STYLE'].join('|')})\\.md\\b`, 'gi');

  test('nothing points into the project space beside the repository (the sibling folder "shared")', () => {
    expect(scanned.filter((file) => read(file).includes(outside))).toEqual([]);
  });

  test('a design, contract or requirements document is cited only as the file of docs/ that holds it', () => {
    const stray = scanned.flatMap((file) => [...read(file).matchAll(designDocs)].map((m) => m[0]).filter((mention) => {
      const slash = mention.lastIndexOf('/');
      const [dir, name] = [mention.slice(0, slash + 1), mention.slice(slash + 1)];
      const placed = dir === '' ? file.startsWith('docs/') : dir.endsWith('docs/');
      return !(placed && docsListing.has(name));
    }).map((mention) => `${mention} in ${file}`));
    expect(stray).toEqual([]);
  });

  test('every docs/*.md that is cited exists', () => {
    const dangling = scanned.flatMap((file) => [...read(file).matchAll(/\bdocs\/([\w.-]+\.md)\b/g)]
      .filter((m) => !docsListing.has(m[1])).map((m) => `${m[0]} in ${file}`));
    expect([...new Set(dangling)]).toEqual([]);
  });

  test('every path in docs/requirements.md, docs/api.md and docs/architecture.md exists', () => {
    const missing = ['docs/requirements.md', 'docs/api.md', 'docs/architecture.md'].flatMap((doc) =>
      [...read(doc).matchAll(/(?<![\w./-])(?:src|test|policies|schema|migrations|scripts|docs)\/[\w./-]*\w/g)]
        .map((m) => m[0]).filter((path) => !existsSync(join(root, path))).map((path) => `${path} in ${doc}`));
    expect(missing).toEqual([]);
  });
});
