import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { SanitizingExporter } from './sanitize.js';

/**
 * OTLP over HTTP as JSON (http/json; endpoint, headers and timeout from the standard OTEL_EXPORTER_OTLP_* variables).
 * Tracing is off unless the standard variables ask for it: an OTLP endpoint
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp;
 * OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none keeps it off.
 */
export function tracingWanted(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER === 'otlp');
}

/**
 * The instrumentations, set so that no value leaves in a span: GraphQL without variables or
 * literals and without a span per resolved field (their number grows with the answer); pg without
 * parameters. What an attribute could still carry is taken out on export (sanitize.ts).
 */
export const instrumentations = () => [
  new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/metrics' || req.url === '/healthz' || req.url === '/readyz' }),
  new GraphQLInstrumentation({ allowValues: false, ignoreResolveSpans: true, mergeItems: true }),
  new PgInstrumentation({ enhancedDatabaseReporting: false }),
];

/** Starts the SDK when configured; must run before http, pg and graphql are loaded (src/ops/tracing/register.ts). */
export function startTracing(env: NodeJS.ProcessEnv = process.env, exporter?: SpanExporter): NodeSDK | null {
  if (!exporter && !tracingWanted(env)) return null;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'need-to-know-api',
    spanProcessors: [new BatchSpanProcessor({ exporter: new SanitizingExporter(exporter ?? new OTLPTraceExporter()) })],
    instrumentations: instrumentations(),
    // Traces only: the metrics are Prometheus' (GET /metrics), the application log is pino's.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return sdk;
}
