import { ConsoleBreachesDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';
import { nodesOf, when } from './dates';
import './dpo.css';

function Breaches() {
  const list = useOperation(ConsoleBreachesDocument, { variables: { first: 100 } });
  const rows = nodesOf(list.result?.data?.breaches);
  return (
    <section aria-labelledby="breaches-title">
      <h1 id="breaches-title">Breach register</h1>
      <p>R25: every security breach is documented, reported to the supervisory authority or not (and why not). Newest first.</p>
      {list.loading && !list.result ? <p aria-live="polite">Loading…</p> : null}
      {list.result ? <ErrorList errors={list.result.errors} /> : null}
      <div className="table-wrap">
        <table data-testid="breaches">
          <thead>
            <tr><th scope="col">Discovered</th><th scope="col">What happened</th><th scope="col">Categories</th><th scope="col">Persons</th><th scope="col">Measures</th><th scope="col">Authority</th><th scope="col">Recorded</th></tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td>{when(b.discoveredAt, true)}{b.occurredAt ? <div className="muted">occurred {when(b.occurredAt, true)}</div> : null}</td>
                <td>{b.description}</td>
                <td>{(b.dataCategories ?? []).join(', ')}</td>
                <td>{b.personsAffectedCount ?? '—'}</td>
                <td>{b.measures}</td>
                <td>
                  {b.reportedToAuthority ? (
                    <>Reported {when(b.reportedAt, true)} {b.reportedWithin72Hours === false
                      ? <span className="badge denied">after 72 hours</span>
                      : <span className="badge granted">within 72 hours</span>}</>
                  ) : <>Not reported: {b.notReportedReason ?? '—'}</>}
                </td>
                <td>{when(b.recordedAt)} by {b.recordedBy}</td>
              </tr>
            ))}
            {rows.length === 0 && list.result ? <tr><td colSpan={7}>No breach recorded.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const breachesPage: ConsolePage = {
  path: 'dpo/breaches', title: 'Breaches', group: 'DPO', purposes: ['SUPERVISION_AUDIT'],
  summary: 'The breach register: what happened, the persons and categories affected, measures, reporting within 72 hours.',
  component: Breaches,
};
