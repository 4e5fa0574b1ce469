import { useState } from 'react';
import {
  ConsoleMarkNotificationSentDocument, ConsoleRightsRequestsDocument,
  type ConsoleRightsRequestsQuery, type RightsStatus,
} from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';
import './dpo.css';
import { byDaysLeft, daysLeft, urgency } from './deadlines';
import { nodesOf, when } from './dates';
import { ExtendForm } from './extend-form';

type Request = NonNullable<NonNullable<NonNullable<ConsoleRightsRequestsQuery['rightsRequests']>['edges']>[number]>['node'] & object;

const STATUSES: (RightsStatus | '')[] = ['', 'OPEN', 'EXTENDED', 'RESOLVED', 'REFUSED'];

function RightsRequests() {
  const [status, setStatus] = useState<RightsStatus | ''>('');
  const list = useOperation(ConsoleRightsRequestsDocument, { variables: { status: status || null, first: 100 } });
  const rows = byDaysLeft(nodesOf(list.result?.data?.rightsRequests));
  const reload = () => list.run({ status: status || null, first: 100 });
  const now = new Date();
  const toNotify = rows.flatMap((r) => (r.notifications ?? []).filter((n) => n.status === 'PENDING').map((n) => ({ request: r, n })));

  return (
    <section aria-labelledby="rights-title">
      <h1 id="rights-title">Rights requests</h1>
      <p>R23: answered within 4 weeks of receipt, extendable to 12 weeks at most with notice to the requester. Ordered by days left.</p>
      <div className="actions">
        <label htmlFor="rights-status">Status</label>
        <select id="rights-status" value={status} onChange={(e) => setStatus(e.target.value as RightsStatus | '')}>
          {STATUSES.map((s) => <option key={s} value={s}>{s || 'all'}</option>)}
        </select>
        <button type="button" className="secondary" onClick={() => void reload()}>Refresh</button>
        {list.loading ? <span aria-live="polite">Loading…</span> : null}
      </div>
      {list.result ? <ErrorList errors={list.result.errors} /> : null}
      <div className="table-wrap">
        <table data-testid="rights-requests">
          <caption className="visually-hidden">Rights requests by days left</caption>
          <thead>
            <tr><th scope="col">Request</th><th scope="col">Person</th><th scope="col">Received</th><th scope="col">Due</th><th scope="col">Days left</th><th scope="col">Status</th><th scope="col">Term</th><th scope="col">Extend</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => <RequestRow key={r.id} r={r} now={now} onChanged={reload} />)}
            {rows.length === 0 && list.result ? <tr><td colSpan={8}>No rights requests{status ? ` with status ${status}` : ''}.</td></tr> : null}
          </tbody>
        </table>
      </div>
      <h2 id="notify-title">Recipients to notify</h2>
      <p>R21: every recipient the data were disclosed to is told of a rectification, erasure or restriction.</p>
      {toNotify.length === 0 ? <p>No notice is waiting.</p> : (
        <div className="table-wrap">
          <table aria-labelledby="notify-title" data-testid="recipients-to-notify">
            <thead><tr><th scope="col">Request</th><th scope="col">Recipient</th><th scope="col">Channel</th><th scope="col">Categories disclosed</th><th scope="col">Last disclosed</th><th scope="col">Notice</th></tr></thead>
            <tbody>
              {toNotify.map(({ request, n }) => (
                <tr key={n.id}>
                  <td><code>{request.id}</code> {request.kind}</td>
                  <td>{n.recipientId ?? '—'} <span className="muted">({n.recipientCategory})</span></td>
                  <td>{n.channel}</td>
                  <td>{(n.categoriesDisclosed ?? []).join(', ')}</td>
                  <td>{when(n.lastDisclosedAt)}</td>
                  <td><MarkSent id={n.id} recipient={n.recipientId ?? n.recipientCategory ?? ''} onDone={reload} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RequestRow({ r, now, onChanged }: { r: Request; now: Date; onChanged: () => Promise<unknown> }) {
  const u = urgency(r, now);
  const left = r.dueAt ? daysLeft(r.dueAt, now) : null;
  return (
    <tr className={u === 'overdue' ? 'urgent' : undefined} data-urgency={u} data-request-id={r.id}>
      <td><code>{r.id}</code> {r.kind}</td>
      <td><code>{r.personId ?? '—'}</code></td>
      <td>{when(r.receivedAt)}</td>
      <td>{when(r.dueAt)}</td>
      <td>
        {left === null || u === 'closed' ? '—' : left < 0 ? `${-left} ${left === -1 ? 'day' : 'days'} late` : `${left} ${left === 1 ? 'day' : 'days'}`}
        {u === 'overdue' ? <> <span className="badge denied" data-testid="overdue">Overdue</span></> : null}
        {u === 'this-week' ? <> <span className="badge due-soon">Due this week</span></> : null}
      </td>
      <td>{r.status}{r.resolvedAt ? ` ${when(r.resolvedAt)}` : ''}</td>
      <td>
        {r.termWeeks} weeks
        {(r.extensions ?? []).map((x, i) => (
          <div key={i} className="muted">+{x.weeks} w on {when(x.noticeAt)} by {x.noticeBy}: “{x.reasonToRequester}”</div>
        ))}
      </td>
      <td>{u !== 'closed' && (r.extensionWeeksLeft ?? 0) > 0 ? <ExtendForm id={r.id} weeksLeft={r.extensionWeeksLeft ?? 0} onDone={onChanged} /> : '—'}</td>
    </tr>
  );
}

function MarkSent({ id, recipient, onDone }: { id: string; recipient: string; onDone: () => Promise<unknown> }) {
  const mark = useOperation(ConsoleMarkNotificationSentDocument);
  return (
    <>
      <button type="button" disabled={mark.loading} aria-label={`Mark sent: the notice to ${recipient}`}
        onClick={() => void mark.run({ id }).then((r) => (r.errors.length === 0 ? onDone() : null))}>Mark sent</button>
      {mark.result ? <ErrorList errors={mark.result.errors} /> : null}
    </>
  );
}

export const rightsPage: ConsolePage = {
  path: 'dpo/rights', title: 'Rights requests', group: 'DPO', purposes: ['SUBJECT_RIGHTS'],
  summary: 'Data-subject requests by days left, overdue and due-this-week marked; extensions with notice; recipients to notify.',
  component: RightsRequests,
};
