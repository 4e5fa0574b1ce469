import { useId, useState, type FormEvent } from 'react';
import { ConsoleExtendRightsRequestDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';

/** R23: extends a request's term with the notice to the requester; the API refuses beyond 12 weeks. */
export function ExtendForm({ id, weeksLeft, onDone }: { id: string; weeksLeft: number; onDone: () => Promise<unknown> }) {
  const extend = useOperation(ConsoleExtendRightsRequestDocument);
  const [weeks, setWeeks] = useState(Math.min(4, weeksLeft));
  const [reason, setReason] = useState('');
  const field = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void extend.run({ id, weeks, reasonToRequester: reason.trim() }).then((r) => (r.errors.length === 0 ? onDone() : null));
  };
  return (
    <details>
      <summary>Extend…</summary>
      <form onSubmit={submit} className="extend">
        <label htmlFor={`${field}-weeks`}>Weeks to add (at most {weeksLeft})</label>
        <select id={`${field}-weeks`} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
          {Array.from({ length: weeksLeft }, (_, i) => i + 1).map((w) => <option key={w} value={w}>{w}</option>)}
        </select>
        <label htmlFor={`${field}-reason`}>Notice to the requester: why more time is needed</label>
        <textarea id={`${field}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} rows={3} />
        <button type="submit" disabled={extend.loading}>Extend and send the notice</button>
        {extend.result ? <ErrorList errors={extend.result.errors} /> : null}
      </form>
    </details>
  );
}
