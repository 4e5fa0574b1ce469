import { ConsoleOversightFindingsDocument, ConsoleReviewCasesDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** R10 (issue 20): the review queue and the oversight job's findings, as the API answers them; the acts on a case stay in the API. */
function Oversight() {
  const cases = useOperation(ConsoleReviewCasesDocument, { variables: { first: 50 } });
  const findings = useOperation(ConsoleOversightFindingsDocument, { variables: { first: 50 } });
  const caseRows = (cases.result?.data?.reviewCases?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const findingRows = (findings.result?.data?.oversightFindings?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="oversight-title">
      <h1 id="oversight-title">Oversight</h1>
      <h2>Review cases</h2>
      {cases.result ? <ErrorList errors={cases.result.errors} /> : <p>Loading…</p>}
      {cases.result?.data ? (caseRows.length === 0 ? <p>No review case.</p> : (
        <div className="table-wrap">
          <table data-testid="review-cases">
            <caption className="visually-hidden">Review cases, the most urgent first</caption>
            <thead><tr><th scope="col">Case</th><th scope="col">About</th><th scope="col">Opened by</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col">Assignee</th><th scope="col">Findings</th></tr></thead>
            <tbody>
              {caseRows.map((c) => (
                <tr key={c.id} className={c.overdue ? 'denied' : undefined}>
                  <td className="mono">{c.id.slice(0, 8)}</td><td>{c.principalId ?? '—'}</td><td>{c.source ?? '—'}</td>
                  <td>{c.status ?? '—'}{c.verdict ? ` (${c.verdict})` : ''}{c.overdue ? <> <span className="badge denied">overdue</span></> : null}</td>
                  <td>{when(c.dueAt)}</td><td>{c.assigneeId ?? '—'}</td><td>{(c.findings ?? []).map((f) => f.signal).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )) : null}
      <h2>Findings</h2>
      {findings.result ? <ErrorList errors={findings.result.errors} /> : <p>Loading…</p>}
      {findings.result?.data ? (findingRows.length === 0 ? <p>No finding yet: the oversight job folds sealed rows every few minutes (npm run oversight).</p> : (
        <div className="table-wrap">
          <table data-testid="findings">
            <caption className="visually-hidden">Oversight findings</caption>
            <thead><tr><th scope="col">Signal</th><th scope="col">Day</th><th scope="col">Principal</th><th scope="col">Person</th><th scope="col">Why</th><th scope="col">Log rows</th></tr></thead>
            <tbody>
              {findingRows.map((f) => (
                <tr key={f.id}>
                  <td>{f.signal ?? '—'}</td><td>{f.day ?? '—'}</td><td>{f.principalId ?? '—'}</td><td>{f.personId ?? '—'}</td>
                  <td>{f.explanation ?? '—'}</td><td>{(f.logRowIds ?? []).length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )) : null}
    </section>
  );
}

export const oversightPage: ConsolePage = {
  path: 'oversight', title: 'Oversight', group: 'Auditor', purposes: ['SUPERVISION_AUDIT'],
  summary: 'The review queue (overdue cases marked) and the oversight job\'s misuse findings, each citing its log rows.', component: Oversight,
};
