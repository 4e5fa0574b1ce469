import type { RunningApp } from '../support/browser.js';

/** The API as a test sets up data for the browser: a development token from the app, a document, headers. */
export async function callApi(app: RunningApp, principalId: string, query: string, o: { purpose?: string; justification?: string; variables?: Record<string, unknown> } = {}) {
  const minted = await fetch(`${app.url}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ principalId }) });
  const { token } = await minted.json() as { token: string };
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (o.purpose) headers['x-purpose'] = o.purpose;
  if (o.justification) headers['x-justification'] = o.justification;
  const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: o.variables }) });
  const body = await res.json() as { data?: Record<string, { id?: string } | null>; errors?: unknown[] };
  if (body.errors) throw new Error(`${principalId}: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

const DAY = 24 * 3600 * 1000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
