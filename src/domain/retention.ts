/**
 * The end of a retention term written as an ISO 8601 duration at the start of the register's
 * text ("P5Y after disclosure", "P15D"): R14 terms are machine-readable.
 */
export function retentionEnd(term: string, from: Date): Date | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?\b/.exec(term.trim());
  if (!m || m[0] === 'P') return null;
  const [, y, mo, w, d] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const end = new Date(from);
  end.setUTCFullYear(end.getUTCFullYear() + y, end.getUTCMonth() + mo, end.getUTCDate() + w * 7 + d);
  return end;
}
