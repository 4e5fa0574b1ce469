import { useState } from 'react';
import { ConsoleRegisterDocument, ConsoleRegisterExportDocument, type RegisterExportFormat } from '../../gql/graphql';
import { useOperation } from '../../api/use-operation';
import { ErrorList } from '../../api/errors';
import type { ConsolePage } from '../registry';
import { when } from './dates';
import './dpo.css';

/** Hands a text to the browser as a file download (no server round trip, nothing stored). */
function download(content: string, mediaType: string, name: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Register() {
  const register = useOperation(ConsoleRegisterDocument, { variables: {} });
  const exporter = useOperation(ConsoleRegisterExportDocument);
  const [format, setFormat] = useState<RegisterExportFormat>('JSON');
  const records = register.result?.data?.processingRecords ?? [];

  const exportRegister = async () => {
    const r = await exporter.run({ format });
    const doc = r.data?.registerExport;
    if (doc) download(doc.content, doc.mediaType, `processing-register.${doc.format === 'JSON' ? 'json' : 'md'}`);
  };

  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Register of processing activities</h1>
      <p>R19: for each processing, its purpose, legal basis, categories of data subjects and of data, recipients and retention; every change is a new version.</p>
      <div className="actions">
        <label htmlFor="register-format">Export as</label>
        <select id="register-format" value={format} onChange={(e) => setFormat(e.target.value as RegisterExportFormat)}>
          <option value="JSON">JSON</option>
          <option value="MARKDOWN">Markdown</option>
        </select>
        <button type="button" onClick={() => void exportRegister()} disabled={exporter.loading}>Export the register</button>
        {exporter.result?.data?.registerExport ? (
          <span role="status" data-testid="register-exported">
            Exported {exporter.result.data.registerExport.recordCount} records at {when(exporter.result.data.registerExport.generatedAt, true)}
          </span>
        ) : null}
      </div>
      {exporter.result ? <ErrorList errors={exporter.result.errors} /> : null}
      {register.loading && !register.result ? <p aria-live="polite">Loading…</p> : null}
      {register.result ? <ErrorList errors={register.result.errors} /> : null}
      {records.map((r) => (
        <article key={r.code} className="register-record" aria-labelledby={`record-${r.code}`} data-testid="register-record">
          <h2 id={`record-${r.code}`}>
            <code>{r.code}</code> {r.name} <span className={`badge ${r.active ? 'granted' : 'denied'}`}>{r.active ? 'active' : 'inactive'}</span>
          </h2>
          <dl className="facts">
            <dt>Purpose</dt><dd>{r.purpose}</dd>
            <dt>Legal basis</dt><dd>{r.legalBasis}</dd>
            <dt>Data subjects</dt><dd>{r.dataSubjectCategories.join(', ')}</dd>
            <dt>Data categories</dt><dd>{r.dataCategories.join(', ')}</dd>
            <dt>Recipients</dt><dd>{r.recipientCategories.join(', ') || '—'}</dd>
            <dt>Retention</dt><dd>{r.retention}</dd>
            <dt>Needs</dt>
            <dd>{[r.requiresDesignation && 'individual designation (R6)', r.requiresPledge && 'confidentiality pledge (R7)',
              r.allowedUnderRestriction && 'allowed under restriction (R22)'].filter(Boolean).join('; ') || '—'}</dd>
          </dl>
          <details>
            <summary>Version {r.version}, {r.versions.length} {r.versions.length === 1 ? 'version' : 'versions'} in its history</summary>
            <table>
              <thead><tr><th scope="col">Version</th><th scope="col">Change</th><th scope="col">When</th><th scope="col">By</th></tr></thead>
              <tbody>
                {r.versions.map((v) => <tr key={v.version}><td>{v.version}</td><td>{v.change}</td><td>{when(v.changedAt, true)}</td><td>{v.changedBy}</td></tr>)}
              </tbody>
            </table>
          </details>
        </article>
      ))}
    </section>
  );
}

export const registerPage: ConsolePage = {
  path: 'dpo/register', title: 'Register', group: 'DPO', purposes: [],
  summary: 'The register of processing activities with every version, and its export (JSON or Markdown).',
  component: Register,
};
