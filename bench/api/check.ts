import type { GraphQLBody } from '../lib/http.js';
import { BenchFailed } from '../lib/runner.js';

/** The one demo person at institution A with restricted processing (R22): guards deny its personal fields. */
export const RESTRICTED_PERSON = 'person-restricted';

type Node = Record<string, unknown>;

export interface CheckedPage {
  nodes: Node[];
  /** "persons.edges.2.node.surname", for the denials on the restricted person. */
  denied: string[];
}

/**
 * Fails loudly unless the page has `edges` edges and every error is a FORBIDDEN on a field of the
 * restricted demo person. A guarded server must deny something there; the bare one nothing at all.
 * Messages name servers, codes and paths only, never values.
 */
export function checkPage(server: string, res: { status: number; body: GraphQLBody }, edges: number, guarded: boolean): CheckedPage {
  const fail = (why: string) => { throw new BenchFailed(`${server}: ${why}`); };
  if (res.status !== 200) fail(`HTTP ${res.status} (${res.body.errors?.map((e) => e.extensions?.code).join(', ')})`);
  // The answer is JSON: its shape is asserted here and checked just below.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const page = (res.body.data?.persons ?? null) as { edges?: { node: Node }[] } | null;
  const nodes = page?.edges?.map((e) => e.node) ?? [];
  if (nodes.length !== edges) fail(`expected ${edges} edges, got ${nodes.length}`);
  const denied: string[] = [];
  for (const e of res.body.errors ?? []) {
    const path = e.path ?? [];
    const where = path.join('.') || '(no path)';
    if (e.extensions?.code !== 'FORBIDDEN') fail(`unexpected error ${String(e.extensions?.code)} at ${where}`);
    const node = typeof path[2] === 'number' ? nodes[path[2]] : undefined;
    if (path[0] !== 'persons' || node?.id !== RESTRICTED_PERSON) fail(`unexpected denial at ${where}`);
    denied.push(where);
  }
  if (guarded && nodes.some((n) => n.id === RESTRICTED_PERSON) && denied.length === 0) fail('the restricted person was not denied (R22)');
  if (!guarded && denied.length > 0) fail(`${denied.length} denials without a guard`);
  return { nodes, denied: denied.sort() };
}

/** Fields whose values differ between two pages (names only), to show the guards answer alike. */
export function differingFields(a: Node[], b: Node[]): string[] {
  const out = new Set<string>();
  if (a.length !== b.length) out.add('(edge count)');
  a.forEach((na, i) => {
    const nb = b[i] ?? {};
    for (const k of new Set([...Object.keys(na), ...Object.keys(nb)])) {
      if (JSON.stringify(na[k]) !== JSON.stringify(nb[k])) out.add(k);
    }
  });
  return [...out].sort();
}

/** The three guards must answer alike: the same denials on the restricted person, the same data. */
export function compareGuards(pages: Map<string, CheckedPage>): string[] {
  const ours = pages.get('ours')!;
  const lines = [`every server answered 50 edges; bare: no errors; ours: ${ours.denied.length} denials, all FORBIDDEN on the restricted demo person (R22), as expected`];
  for (const [name, other] of pages) {
    if (name === 'ours' || name === 'bare') continue;
    const sameDenials = JSON.stringify(other.denied) === JSON.stringify(ours.denied);
    const differing = differingFields(ours.nodes, other.nodes);
    lines.push(sameDenials && differing.length === 0
      ? `${name}: the same denials and the same data as ours`
      : `WARNING ${name} answers differently from ours: ${sameDenials ? 'same denials' : `${other.denied.length} denials instead of ${ours.denied.length}`}` +
        (differing.length ? `; fields differing: ${differing.join(', ')}` : ''));
  }
  return lines;
}
