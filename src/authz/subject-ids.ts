/** The id an object is logged under: a string id, or a code (processing records). */
export const idOf = (o: unknown): string | null => {
  const r = o as { id?: string | number; code?: string } | null;
  return r?.id != null ? String(r.id) : r?.code != null ? String(r.code) : null;
};

/** An argument by its dotted path (`input.personId`). */
export const argAt = (args: object, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], args);

/** A scalar argument (an id, a code) as text. */
export const argString = (args: object, path: string): string | null => {
  const v = argAt(args, path) as string | number | boolean | null | undefined;
  return v == null ? null : String(v);
};
