import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { locatedError, type GraphQLResolveInfo } from 'graphql';
import { DecisionCollector } from '../../src/audit/collector.js';
import { buildEntries } from '../../src/audit/entries.js';
import { sealPending } from '../../src/audit/sealer.js';
import { writeEntries } from '../../src/audit/writer.js';
import { AccessCache } from '../../src/authz/access-cache.js';
import { decideField } from '../../src/authz/decide.js';
import { forbidden } from '../../src/authz/errors.js';
import { FieldDecisions } from '../../src/authz/field-decisions.js';
import type { Policy } from '../../src/authz/policy.js';
import { median, timeEach, timed } from '../lib/stats.js';
import { detentionRecord, person, principal } from './decision.js';

/** The ten fields of the throughput query. */
const FIELDS = ['surname', 'givenNames', 'aliases', 'sex', 'birthDate', 'birthPlace', 'nationality', 'address', 'riskAssessment', 'placement'];
/** Each piece is timed this many times after 20 untimed calls. */
export const ROUNDS = 200;

export interface Part { label: string; ms: number }

const medianMs = async (fn: () => unknown) => median(await timeEach(fn, { warmup: 20, measured: ROUNDS }));

/**
 * The pieces of ours' request path for one page of 50 persons (the third restricted, as in the
 * demo data), each alone, median of 200: where the difference to the bare schema comes from. The
 * write runs against the benchmark database with nothing else running.
 */
export async function measureBreakdown(policy: Policy, orm: MikroORM, categories: Record<string, string>): Promise<Part[]> {
  const access = new AccessCache(policy).get(principal, 'DETENTION_MANAGEMENT', detentionRecord());
  const persons = Array.from({ length: 50 }, (_, i) => person(`person-x${String(i).padStart(4, '0')}`, 'A', i === 2));
  // As the authorization plugin does: decided and logged once per (object, category), later fields join.
  const decideAll = (collector: DecisionCollector | null) => {
    const reads = new FieldDecisions();
    for (const p of persons) {
      for (const field of FIELDS) {
        const category = categories[field];
        const read = reads.get(p, category);
        if (read) {
          read.fields.add(field);
          continue;
        }
        const decision = decideField(access, 'read', 'Person', p, category, p);
        reads.set(p, category, { decision, fields: collector?.recordRead(decision, { subjectId: p.id, personId: p.id, field }) ?? new Set() });
      }
    }
  };
  const collected = new DecisionCollector('consult');
  decideAll(collected);
  const meta = () => ({
    requestId: randomUUID(), at: new Date(), principal, purpose: 'DETENTION_MANAGEMENT', justification: null,
    processingRecordVersion: 1, operationName: null, operationId: 'f'.repeat(64), policyRevision: policy.revision,
  });
  const entries = () => buildEntries(collected.rows(), meta());
  // Where graphql-js would raise the denial: Query.persons.edges.2.node.surname.
  const deniedAt = { fieldNodes: [], path: { prev: undefined, key: 'surname', typename: 'Person' } } as unknown as GraphQLResolveInfo;
  const denied = decideField(access, 'read', 'Person', persons[2], 'identity.name', persons[2]);
  const rows = entries().length;
  const batches = Array.from({ length: ROUNDS + 20 }, entries);

  return [
    { label: '500 field reads, decided once per (object, category)', ms: await medianMs(() => decideAll(null)) },
    { label: 'the same, each decision logged in the request\'s collector', ms: await medianMs(() => decideAll(new DecisionCollector('consult'))) },
    { label: `collector.rows() + buildEntries: ${rows} log rows, SHA-256 each`, ms: await medianMs(entries) },
    { label: '10 denied fields: forbidden() + graphql locatedError (the other guards raise errors too)',
      ms: await medianMs(() => { for (let i = 0; i < 10; i++) locatedError(forbidden(denied, deniedAt), [], deniedAt.path ? ['persons'] : []); }) },
    { label: `writeEntries (${rows} rows) in its own transaction: BEGIN, insert, COMMIT`,
      ms: await medianMs(() => { const e = batches.pop()!; return orm.em.fork().transactional((tx) => writeEntries(tx, e)); }) },
    { label: 'for comparison: an empty transaction (BEGIN, select 1, COMMIT)',
      ms: await medianMs(() => orm.em.fork().transactional((tx) => tx.getConnection().execute('select 1', [], 'all', tx.getTransactionContext()))) },
    { label: `one sealer tick: sealPending over 25 requests' rows (${25 * rows}), per request`,
      ms: (await sealTick(orm, () => buildEntries(collected.rows(), meta()), 25, rows)) / 25 },
  ];
}

/** What the sealer loop does every 500 ms at about 50 requests/s: seal 25 requests' rows. Median of 10 ticks. */
async function sealTick(orm: MikroORM, entries: () => ReturnType<typeof buildEntries>, requests: number, rowsEach: number): Promise<number> {
  const ms: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < requests; i++) {
      const e = entries();
      await orm.em.fork().transactional((tx) => writeEntries(tx, e));
    }
    ms.push((await timed(() => sealPending(orm.em.fork(), new Date(), requests * rowsEach))).ms);
  }
  return median(ms);
}
