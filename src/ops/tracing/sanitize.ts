import type { Attributes } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** The query text (`graphql.source`): its literals are masked, but comments and aliases are the client's text. */
const DROPPED = new Set(['graphql.source']);
/** URLs whose query string could carry values (a GET /graphql?variables=…): path only. */
const URLS = new Set(['http.target', 'http.url', 'url.full']);
const QUERIES = new Set(['url.query']);
/** SQL text: the API's statements bind their values, but a literal written into one would show. */
const STATEMENTS = new Set(['db.statement', 'db.query.text']);

const withoutLiterals = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "'?'").replace(/\$\$[\s\S]*?\$\$/g, '$$?$$');

/** A span's attributes without what could carry personal data (R10: never personal data in spans). */
export function sanitizeAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED.has(key) || QUERIES.has(key)) continue;
    if (typeof value === 'string' && URLS.has(key)) out[key] = value.split('?')[0];
    else if (typeof value === 'string' && STATEMENTS.has(key)) out[key] = withoutLiterals(value);
    else out[key] = value;
  }
  return out;
}

/** Exports each span with its attributes sanitised; the span itself is left as the SDK made it. */
export class SanitizingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map((span) => Object.create(span, { attributes: { value: sanitizeAttributes(span.attributes) } }) as ReadableSpan), done);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
