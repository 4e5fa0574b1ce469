import { useCallback, useState, type FormEvent } from 'react';
import { ConsoleAccessLogDocument, type ConsoleAccessLogQuery } from '../../gql/graphql';
import { runOperation, type ApiError, type ApiResult } from '../../api/client';
import { ErrorList } from '../../api/errors';
import { useConsole } from '../../context';
import type { ConsolePage } from '../registry';
import { PlotFigure, type PlotModule } from './plot-figure';
import { againstBaseline, perDay } from './plot-data';
import type { LogRow } from './row-detail';

/** Pages of 100 rows (the API's maximum) read for the plots: at most this many rows are drawn. */
const MAX_PAGES = 20;

const localDay = (d: Date) => d.toISOString().slice(0, 10);

/** R10: the log drawn over a range: reads per day per principal, denials per reason, one principal against its baseline. */
function Plots() {
  const { caller } = useConsole();
  const [from, setFrom] = useState(localDay(new Date(Date.now() - 13 * 86_400_000)));
  const [to, setTo] = useState(localDay(new Date()));
  const [rows, setRows] = useState<LogRow[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState(false);
  const [principal, setPrincipal] = useState('');

  async function load(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors([]);
    try {
      const filter = { from: new Date(`${from}T00:00:00Z`).toISOString(), to: new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000).toISOString() };
      const all: LogRow[] = [];
      let after: string | null = null;
      let more = false;
      for (let i = 0; i < MAX_PAGES; i++) {
        const r: ApiResult<ConsoleAccessLogQuery> = await runOperation(caller, ConsoleAccessLogDocument, { filter, first: 100, after });
        if (r.errors.length > 0) {
          setErrors(r.errors);
          return;
        }
        const conn = r.data?.accessLog;
        for (const e2 of conn?.edges ?? []) if (e2?.node) all.push(e2.node);
        more = conn?.pageInfo.hasNextPage ?? false;
        if (!more) break;
        after = conn?.pageInfo.endCursor ?? null;
      }
      setRows(all);
      setTruncated(more);
      if (!principal && all.length > 0) setPrincipal(all[0].principalId);
    } finally {
      setBusy(false);
    }
  }

  const principals = rows ? [...new Set(rows.map((r) => r.principalId))].sort() : [];
  const reads = useCallback((P: PlotModule) => P.plot({
    width: 900, height: 260, marginLeft: 50, x: { type: 'band', label: 'day (UTC)', tickFormat: (d: Date) => d.toISOString().slice(5, 10) },
    y: { label: 'reads', grid: true }, color: { legend: true },
    marks: [P.barY(perDay(rows ?? [], (r) => (r.outcome === 'GRANTED' ? r.principalId : null)), { x: 'day', y: 'count', fill: 'key', tip: true }), P.ruleY([0])],
  }), [rows]);
  const denials = useCallback((P: PlotModule) => P.plot({
    width: 900, height: 240, marginLeft: 50, x: { type: 'band', label: 'day (UTC)', tickFormat: (d: Date) => d.toISOString().slice(5, 10) },
    y: { label: 'denials', grid: true }, color: { legend: true },
    marks: [P.barY(perDay(rows ?? [], (r) => (r.outcome === 'DENIED' ? r.reason ?? 'unknown' : null)), { x: 'day', y: 'count', fill: 'key', tip: true }), P.ruleY([0])],
  }), [rows]);
  const baseline = againstBaseline(rows ?? [], principal);
  const volume = useCallback((P: PlotModule) => P.plot({
    width: 900, height: 240, marginLeft: 50, x: { label: 'day (UTC)' }, y: { label: `reads by ${principal}`, grid: true },
    marks: [
      P.ruleY([baseline.mean], { stroke: '#7a4a00', strokeDasharray: '4,3' }),
      P.ruleY([baseline.mean + 3 * baseline.sd], { stroke: '#9b1c1c', strokeDasharray: '2,2' }),
      P.lineY(baseline.days, { x: 'day', y: 'count', stroke: '#0b4f8a' }), P.dot(baseline.days, { x: 'day', y: 'count', fill: '#0b4f8a', tip: true }),
    ],
  }), [baseline, principal]);

  return (
    <section aria-labelledby="plots-title">
      <h1 id="plots-title">Plots of the access log</h1>
      <form onSubmit={(e) => void load(e)} className="filters" aria-label="Range to plot">
        <div><label htmlFor="p-from">From day (UTC)</label><input id="p-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><label htmlFor="p-to">To day (UTC, inclusive)</label><input id="p-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <div><button type="submit" disabled={busy}>{busy ? 'Reading the log…' : 'Draw'}</button></div>
      </form>
      <ErrorList errors={errors} />
      {rows ? (
        <>
          <p role="status" data-testid="plot-rows">{rows.length} rows drawn{truncated ? ` (the newest ${rows.length}: narrow the range to see all)` : ''}.</p>
          <h2>Reads per day per principal</h2>
          <PlotFigure make={reads} label="Bar chart: granted reads per day, one colour per principal" />
          <h2>Denials per reason over time</h2>
          {rows.some((r) => r.outcome === 'DENIED')
            ? <PlotFigure make={denials} label="Bar chart: denials per day, one colour per reason" />
            : <p>No denial in this range.</p>}
          <h2>A principal's volume against its baseline</h2>
          <label htmlFor="p-principal">Principal</label>
          <select id="p-principal" value={principal} onChange={(e) => setPrincipal(e.target.value)}>
            {principals.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
          <p>Baseline: {baseline.mean.toFixed(1)} reads a day (dashed), with three standard deviations above it ({(baseline.mean + 3 * baseline.sd).toFixed(1)}, dotted).</p>
          {principal ? <PlotFigure make={volume} label={`Line chart: reads per day by ${principal} against its baseline`} /> : null}
        </>
      ) : null}
    </section>
  );
}

export const plotsPage: ConsolePage = {
  path: 'plots', title: 'Plots', group: 'Auditor', purposes: ['SUPERVISION_AUDIT'],
  summary: 'Reads per day per principal, denials per reason over time, a principal\'s volume against its baseline.', component: Plots,
};
