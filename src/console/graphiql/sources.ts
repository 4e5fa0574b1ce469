/** The demo principals of the seed data (docs/api.md), offered by the picker. */
export const DEMO_PRINCIPALS: { id: string; label: string }[] = [
  { id: 'case-manager-a', label: 'case manager, institution A' },
  { id: 'case-manager-b', label: 'case manager, institution B' },
  { id: 'intake-a', label: 'intake officer, institution A' },
  { id: 'id-officer', label: 'identification officer, designated, pledge' },
  { id: 'id-officer-nopledge', label: 'identification officer, no pledge' },
  { id: 'id-officer-undesignated', label: 'identification officer, not designated' },
  { id: 'medical-officer', label: 'medical officer' },
  { id: 'dpo', label: 'data protection officer' },
  { id: 'auditor', label: 'auditor' },
];

/** A development token for a demo principal, minted by the server outside production only. */
export async function devToken(principalId: string): Promise<string> {
  const res = await fetch('/console/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ principalId }),
  });
  if (!res.ok) throw new Error(`No development token (HTTP ${res.status})`);
  const { token } = (await res.json()) as { token: string };
  return token;
}

/** The purposes of the register (public, R19): the processing codes a request may declare. */
export async function registerPurposes(token: string): Promise<{ code: string; name: string }[]> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ processingRecords { code name } }' }),
  });
  const body = (await res.json()) as { data?: { processingRecords: { code: string; name: string }[] } };
  return body.data?.processingRecords ?? [];
}
