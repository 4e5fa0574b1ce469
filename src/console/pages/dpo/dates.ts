/** A date for people reading a table: day and time in the browser's locale, or a dash. */
export function when(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return withTime ? d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : d.toLocaleDateString('en-GB', { dateStyle: 'medium' });
}

/** The nodes of a connection's edges, without the nulls a denial or a hidden row leaves. */
export function nodesOf<T>(connection: { edges?: ({ node?: T | null } | null)[] | null } | null | undefined): T[] {
  return (connection?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
}
