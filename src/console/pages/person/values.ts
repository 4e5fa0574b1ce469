import type { ConsolePersonFieldsQuery } from '../../gql/graphql';
import type { ApiError } from '../../api/client';
import type { PersonField } from './fields';

type Person = NonNullable<ConsolePersonFieldsQuery['person']>;

/** A field's answer as text: the values of its fields, or null when the API gave none. */
export function valueText(person: Person, field: PersonField): string | null {
  const parts = field.fields.map((f) => show((person as Record<string, unknown>)[f]));
  return parts.every((p) => p === null) ? null : parts.filter((p) => p !== null).join(' ');
}

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = v as { institution?: string; admittedAt?: string; releasedAt?: string | null; active?: boolean; since?: string | null; reason?: string | null };
  if (o.institution !== undefined) return `${o.institution}, admitted ${o.admittedAt ?? '?'}${o.releasedAt ? `, released ${o.releasedAt}` : ''}`;
  if (o.active !== undefined) return o.active ? `restricted since ${o.since ?? '?'}: ${o.reason ?? ''}` : 'not restricted';
  return JSON.stringify(v);
}

/** The API's own denial of a field (null value with a FORBIDDEN error at its path), if any. */
export function apiDenial(errors: ApiError[], field: PersonField): ApiError | null {
  return errors.find((e) => e.path?.[0] === 'person' && field.fields.includes(String(e.path?.[1]))) ?? null;
}
