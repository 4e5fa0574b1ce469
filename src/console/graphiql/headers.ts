/** The request headers every call to the API carries (docs/api.md): who, for which purpose, why. */
export interface RequestHeaders {
  token: string;
  purpose: string;
  justification: string;
}

/** The header editor's JSON: GraphiQL sends it with every request, introspection included. */
export function headersJson({ token, purpose, justification }: RequestHeaders): string {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (purpose) headers['x-purpose'] = purpose;
  if (justification) headers['x-justification'] = justification;
  return JSON.stringify(headers, null, 2);
}
