/** The code a driver or Node puts on an error (SQLSTATE `40001`, `ECONNREFUSED`), when it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
