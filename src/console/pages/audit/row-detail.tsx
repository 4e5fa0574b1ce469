import type { ConsoleAccessLogQuery } from '../../gql/graphql';

export type LogRow = NonNullable<NonNullable<NonNullable<ConsoleAccessLogQuery['accessLog']>['edges']>[number]>['node'] & object;

/**
 * One row in full. Its place in the chain is proven by the integrity page (verifyAccessLog over a
 * range around `at`, and the signed checkpoints); the row's own seal position is not in the API yet.
 */
export function RowDetail({ row, onClose }: { row: LogRow; onClose: () => void }) {
  const facts: [string, string][] = [
    ['Row id', row.id], ['At', row.at], ['Request id', row.requestId], ['Action', row.action], ['Outcome', row.outcome],
    ['Reason', row.reason ?? '—'], ['Principal', `${row.principalId} (${row.principalCategory})`], ['Client', row.client ?? '—'],
    ['Recipient', `${row.recipientId} (${row.recipientCategory})`], ['Purpose', row.purpose ?? '—'],
    ['Register version', row.processingRecordVersion?.toString() ?? '—'], ['Justification', row.justification ?? '—'],
    ['Subject', `${row.subjectType} ${row.subjectId ?? ''}`], ['Person', row.personId ?? '—'], ['Fields', row.fields.join(', ') || '—'],
    ['Categories', row.categories.join(', ') || '—'], ['Operation', `${row.operationName ?? '—'} ${row.operationId ?? ''}`],
    ['Policy revision', row.policyRevision], ['Row hash (SHA-256 of its canonical form)', row.hash],
  ];
  return (
    <section aria-labelledby="row-title" className="row-detail" data-testid="row-detail">
      <h2 id="row-title">Row {row.id}</h2>
      <dl className="facts">
        {facts.map(([k, v]) => <div key={k} className="fact"><dt>{k}</dt><dd className={k.startsWith('Row hash') ? 'mono' : undefined}>{v}</dd></div>)}
      </dl>
      <p>To prove this row is in the chain and unchanged, verify the range around its time on the Integrity page: the verification checks every row's link and hash up to a signed checkpoint.</p>
      <button type="button" className="secondary" onClick={onClose}>Close the row</button>
    </section>
  );
}
