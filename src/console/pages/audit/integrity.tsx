import { useState, type FormEvent } from 'react';
import { ConsoleCheckpointsDocument, ConsoleExportAccessLogDocument, ConsoleVerifyAccessLogDocument, type AccessLogExportFormat, type ConsoleExportAccessLogQuery } from '../../gql/graphql';
import { runOperation } from '../../api/client';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ApiError, ApiResult } from '../../api/client';
import { useConsole } from '../../context';
import type { ConsolePage } from '../registry';
import { downloadText } from './download';
import { FilterFields, emptyFilter, toFilter, type FilterForm } from './filters';

const iso = (local: string) => (local ? new Date(local).toISOString() : null);

/** R10: the hash chain verified over a range, the signed checkpoints and their keys, the export for outside verification. */
function Integrity() {
  return (
    <section aria-labelledby="integrity-title">
      <h1 id="integrity-title">Integrity of the access log</h1>
      <Verify />
      <Export />
      <Checkpoints />
    </section>
  );
}

function Verify() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { result, loading, run } = useOperation(ConsoleVerifyAccessLogDocument);
  const v = result?.data?.verifyAccessLog;
  function submit(e: FormEvent) {
    e.preventDefault();
    void run({ from: iso(from), to: iso(to) });
  }
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">Verify a range</h2>
      <p>Checks each row's hash and its link to the one before, up to the signed checkpoints. Leave both empty for the whole log.</p>
      <form onSubmit={submit} className="filters" aria-label="Range to verify">
        <div><label htmlFor="v-from">From (inclusive)</label><input id="v-from" type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><label htmlFor="v-to">To (exclusive)</label><input id="v-to" type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <div><button type="submit" disabled={loading}>Verify</button></div>
      </form>
      {result ? <ErrorList errors={result.errors} /> : null}
      {v ? (
        <div role="status" data-testid="verification" data-ok={String(v.ok)} className={v.ok ? 'ok' : 'errors'}>
          {v.ok
            ? <p><strong>Intact.</strong> {v.checked} rows checked; every link and hash holds.</p>
            : <p><strong>Broken</strong> ({v.problem ?? 'unknown problem'}) at row <code data-testid="first-broken">{v.firstBrokenId ?? '—'}</code>, after {v.checked} rows checked.</p>}
          <p>Chain head: position {v.headPosition ?? '—'}, hash <code>{v.headHash ?? '—'}</code></p>
        </div>
      ) : null}
    </section>
  );
}

function Export() {
  const { caller } = useConsole();
  const [form, setForm] = useState<FilterForm>(emptyFilter);
  const [format, setFormat] = useState<AccessLogExportFormat>('JSON_LINES');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState<string | null>(null);

  /** Every page of the filtered range, content then proof, in one file (docs/access-log.md, "Verifying an export"). */
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      const parts: string[] = [];
      let after: string | null = null;
      let rows = 0;
      for (;;) {
        const r: ApiResult<ConsoleExportAccessLogQuery> = await runOperation(caller, ConsoleExportAccessLogDocument, { filter: toFilter(form), format, first: 10_000, after });
        const page = r.data?.exportAccessLog;
        if (r.errors.length > 0 || !page) {
          setErrors(r.errors);
          return;
        }
        rows += page.count;
        for (const text of [page.content, page.proof]) if (text) parts.push(text.endsWith('\n') ? text : `${text}\n`);
        if (!page.hasNextPage) break;
        after = page.endCursor ?? null;
      }
      const name = `access-log-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'JSON_LINES' ? 'jsonl' : 'fhir.jsonl'}`;
      downloadText(name, parts.join(''), format === 'JSON_LINES' ? 'application/jsonl' : 'application/fhir+json');
      setDone(`${rows} rows exported to ${name}.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export a range</h2>
      <p>The rows of the filter below with the seals and signed checkpoints that prove them, for the supervisory authority.</p>
      <form onSubmit={(e) => void submit(e)} aria-label="Export the access log">
        <FilterFields value={form} onChange={setForm} />
        <label htmlFor="x-format">Format</label>
        <select id="x-format" value={format} onChange={(e) => setFormat(e.target.value as AccessLogExportFormat)}>
          <option value="JSON_LINES">JSON Lines (verifiable offline)</option>
          <option value="FHIR_AUDIT_EVENT">FHIR AuditEvent bundles</option>
        </select>
        <div className="actions"><button type="submit" disabled={busy}>{busy ? 'Exporting…' : 'Download the export'}</button></div>
      </form>
      <ErrorList errors={errors} />
      {done ? <p role="status" className="ok" data-testid="export-done">{done}</p> : null}
      <h3>Verify it offline</h3>
      <p>On any machine with this project, without the database, using the public key the operator published (not one read from the file):</p>
      <pre>npm run verify:export -- access-log-….jsonl --public-key &lt;published Ed25519 public key&gt;</pre>
      <p>It checks every row's hash, the chain links, the seals and the checkpoint signatures, and names the first row that fails. The JSON Lines export is the one it reads.</p>
    </section>
  );
}

function Checkpoints() {
  const { result } = useOperation(ConsoleCheckpointsDocument, { variables: { last: 20 } });
  const cps = result?.data?.accessLogCheckpoints ?? [];
  const keys = [...new Map(cps.map((c) => [c.keyId, c.publicKey])).entries()];
  return (
    <section aria-labelledby="cp-title">
      <h2 id="cp-title">Signed checkpoints</h2>
      {result ? <ErrorList errors={result.errors} /> : null}
      {keys.length > 0 ? (
        <>
          <h3>Signing keys seen</h3>
          <p>Shown for information: verify with the key the operator published, never with one taken from here.</p>
          <ul>{keys.map(([id, key]) => <li key={id}><code>{id}</code>: <code className="mono">{key}</code></li>)}</ul>
        </>
      ) : null}
      {cps.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">The newest signed checkpoints</caption>
            <thead><tr><th scope="col">Position</th><th scope="col">Signed at</th><th scope="col">Key</th><th scope="col">Chain hash</th></tr></thead>
            <tbody>
              {[...cps].reverse().map((c) => (
                <tr key={`${c.position}-${c.signedAt}`}><td>{c.position}</td><td>{new Date(c.signedAt).toLocaleString()}</td><td><code>{c.keyId}</code></td><td className="mono">{c.chainHash}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : result && result.errors.length === 0 ? <p>No checkpoint signed yet.</p> : null}
    </section>
  );
}

export const integrityPage: ConsolePage = {
  path: 'integrity', title: 'Integrity', group: 'Auditor', purposes: ['SUPERVISION_AUDIT'],
  summary: 'Verify the hash chain over a range, see the signed checkpoints and their keys, export a range to verify offline.', component: Integrity,
};
