import { ConsoleDesignationsDocument, ConsolePledgesDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';
import { when } from './dates';
import './dpo.css';

function DesignationTable({ pending }: { pending: boolean }) {
  const list = useOperation(ConsoleDesignationsDocument, { variables: { pending } });
  const rows = list.result?.data?.designations ?? [];
  const title = pending ? 'Proposals waiting for confirmation' : 'Current designations';
  const id = pending ? 'designations-pending' : 'designations-current';
  return (
    <>
      <h2 id={id}>{title}</h2>
      {list.result ? <ErrorList errors={list.result.errors} /> : null}
      <div className="table-wrap">
        <table aria-labelledby={id} data-testid={id}>
          <thead>
            <tr><th scope="col">Staff member</th><th scope="col">Processing</th><th scope="col">Proposed by</th><th scope="col">Valid</th><th scope="col">Confirmed</th></tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td><code>{d.staffMemberId}</code></td>
                <td><code>{d.processing}</code></td>
                <td>{d.designatedBy}</td>
                <td>{when(d.validFrom)} – {d.validUntil ? when(d.validUntil) : 'open-ended'}</td>
                <td>{d.pending ? <span className="badge due-soon">pending (four eyes)</span> : <>{when(d.confirmedAt)} by {d.confirmedBy ?? '—'}</>}</td>
              </tr>
            ))}
            {rows.length === 0 && list.result ? <tr><td colSpan={5}>None.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

function PledgeTable({ pending }: { pending: boolean }) {
  const list = useOperation(ConsolePledgesDocument, { variables: { pending } });
  const rows = list.result?.data?.pledges ?? [];
  const title = pending ? 'Pledges waiting for confirmation' : 'Confidentiality pledges in force';
  const id = pending ? 'pledges-pending' : 'pledges-current';
  return (
    <>
      <h2 id={id}>{title}</h2>
      {list.result ? <ErrorList errors={list.result.errors} /> : null}
      <div className="table-wrap">
        <table aria-labelledby={id} data-testid={id}>
          <thead>
            <tr><th scope="col">Staff member</th><th scope="col">Document in the personnel file</th><th scope="col">Signed</th><th scope="col">Recorded by</th><th scope="col">Confirmed</th></tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td><code>{p.staffMemberId}</code></td>
                <td>{p.documentReference}</td>
                <td>{when(p.signedAt)}</td>
                <td>{p.recordedBy}</td>
                <td>{p.pending ? <span className="badge due-soon">pending (four eyes)</span> : <>{when(p.confirmedAt)} by {p.confirmedBy ?? '—'}</>}</td>
              </tr>
            ))}
            {rows.length === 0 && list.result ? <tr><td colSpan={5}>None.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Designations() {
  return (
    <section aria-labelledby="designations-title">
      <h1 id="designations-title">Designations and pledges</h1>
      <p>
        R6: only individually designated staff use the police answers; R7: they have signed a confidentiality pledge.
        The DPO proposes a designation and records a pledge; another person confirms (four eyes), and only then does it count.
      </p>
      <DesignationTable pending={false} />
      <DesignationTable pending />
      <PledgeTable pending={false} />
      <PledgeTable pending />
    </section>
  );
}

export const designationsPage: ConsolePage = {
  path: 'dpo/designations', title: 'Designations and pledges', group: 'DPO', purposes: ['SUPERVISION_AUDIT'],
  summary: 'The current list of individually designated staff (R6), the confidentiality pledges in force (R7), and what waits for confirmation.',
  component: Designations,
};
