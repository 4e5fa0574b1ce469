import { trace } from '@opentelemetry/api';

/** Names the request on its HTTP span: the request id (as in the access log) and the operation; no values. */
export function annotateRequestSpan(requestId: string, operation: { name: string | null; id: string | null }): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.setAttribute('ntk.request_id', requestId);
  if (operation.name) span.setAttribute('graphql.operation.name', operation.name);
  if (operation.id) span.setAttribute('ntk.operation_id', operation.id);
}
