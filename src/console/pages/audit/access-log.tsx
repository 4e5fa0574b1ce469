import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConsoleAccessLogDocument } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';
import { FilterFields, emptyFilter, toFilter, type FilterForm } from './filters';
import { RowDetail, type LogRow } from './row-detail';

const PAGE_SIZE = 50;

/** R10: search the access log by every filter of accessLog, newest first, a page at a time (keyset cursors). */
function AccessLog() {
  const [form, setForm] = useState<FilterForm>(emptyFilter);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<LogRow | null>(null);
  const { result, loading, run } = useOperation(ConsoleAccessLogDocument);
  const clickedAt = useRef<number | null>(null);
  const [searchMs, setSearchMs] = useState<number | null>(null);

  const search = (after: string | null) => {
    setSelected(null);
    clickedAt.current = performance.now();
    return run({ filter: toFilter(form), first: PAGE_SIZE, after });
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    setCursors([null]);
    void search(null);
  }

  const rows = (result?.data?.accessLog?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const pageInfo = result?.data?.accessLog?.pageInfo;
  // Click to rows on screen: measured here, shown to the tests as data-search-ms (never asserted as a time).
  useEffect(() => {
    if (result && clickedAt.current !== null) {
      setSearchMs(Math.round(performance.now() - clickedAt.current));
      clickedAt.current = null;
    }
  }, [result]);

  return (
    <section aria-labelledby="log-title">
      <h1 id="log-title">Access log</h1>
      <p>Every read, change, disclosure and denial, newest first. Reading the log is itself logged.</p>
      <form onSubmit={submit} aria-label="Search the access log">
        <FilterFields value={form} onChange={setForm} />
        <div className="actions">
          <button type="submit">Search</button>
          <button type="button" className="secondary" onClick={() => setForm(emptyFilter)}>Clear filters</button>
          {loading ? <span aria-live="polite">Searching…</span> : null}
        </div>
      </form>
      {result ? <ErrorList errors={result.errors} /> : null}
      {result?.data?.accessLog ? (
        <div data-testid="log-results" data-search-ms={searchMs ?? undefined}>
          <p aria-live="polite">{rows.length === 0 ? 'No rows match.' : `Page ${cursors.length}: ${rows.length} rows.`}</p>
          {rows.length > 0 ? <LogTable rows={rows} selected={selected} onSelect={setSelected} /> : null}
          <div className="actions">
            <button type="button" className="secondary" disabled={cursors.length < 2 || loading}
              onClick={() => { const prev = cursors.slice(0, -1); setCursors(prev); void search(prev[prev.length - 1]); }}>Newer rows</button>
            <button type="button" className="secondary" disabled={!pageInfo?.hasNextPage || loading}
              onClick={() => { const next = pageInfo?.endCursor ?? null; setCursors([...cursors, next]); void search(next); }}>Older rows</button>
          </div>
        </div>
      ) : null}
      {selected ? <RowDetail row={selected} onClose={() => setSelected(null)} /> : null}
    </section>
  );
}

function LogTable({ rows, selected, onSelect }: { rows: LogRow[]; selected: LogRow | null; onSelect: (r: LogRow) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Access log rows, newest first</caption>
        <thead>
          <tr><th scope="col">At</th><th scope="col">Principal</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Purpose</th><th scope="col">Person</th><th scope="col">Fields</th><th scope="col">Row</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-row-id={r.id} className={`${r.outcome === 'DENIED' ? 'denied' : ''} ${selected?.id === r.id ? 'selected' : ''}`}>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>{r.principalId}</td>
              <td>{r.action}</td>
              <td><span className={`badge ${r.outcome === 'DENIED' ? 'denied' : 'granted'}`}>{r.outcome}</span>{r.reason ? ` ${r.reason}` : ''}</td>
              <td>{r.purpose ?? '—'}</td>
              <td>{r.personId ?? '—'}</td>
              <td>{r.fields.join(', ')}</td>
              <td><button type="button" className="link" onClick={() => onSelect(r)}>Details<span className="visually-hidden"> of row {r.id}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const accessLogPage: ConsolePage = {
  path: 'access-log', title: 'Access log', group: 'Auditor', purposes: ['SUPERVISION_AUDIT'],
  summary: 'Search the log by person, principal, purpose, category, recipient, action, outcome and time; open a row.', component: AccessLog,
};
