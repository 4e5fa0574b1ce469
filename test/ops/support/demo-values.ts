import pg from 'pg';

/**
 * Every personal value of the demo data (src/seed/demo.ts) that could be recognised in text: the
 * persons' and dossier entries' strings of five characters or more (shorter ones, such as a
 * nationality code, occur by chance), and the staff and client ids (principals).
 */
export async function demoValues(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ j: Record<string, unknown> }>(`
      select row_to_json(p) as j from person p
      union all select row_to_json(e) from dossier_entry e
      union all select json_build_object('id', s.id) from staff_member s
      union all select json_build_object('id', c.id) from client_system c`);
    const values = new Set<string>();
    for (const { j } of rows.rows) {
      for (const [key, v] of Object.entries(j)) {
        // Times and categories are the schema's, not a person's.
        if (typeof v !== 'string' || v.length < 5 || key.endsWith('_at') || key === 'category' || key === 'institution') continue;
        values.add(v);
      }
    }
    return [...values];
  } finally {
    await client.end();
  }
}
