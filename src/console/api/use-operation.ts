import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useConsole } from '../context';
import { runOperation, type ApiResult } from './client';

export interface OperationState<R, V> {
  result: ApiResult<R> | null;
  loading: boolean;
  run: (variables?: V) => Promise<ApiResult<R>>;
}

/** A persisted operation run on demand (`run`), or at once and whenever `auto` variables change. */
export function useOperation<R, V>(doc: TypedDocumentNode<R, V>, auto?: { variables?: V }): OperationState<R, V> {
  const { caller } = useConsole();
  const [result, setResult] = useState<ApiResult<R> | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const run = useCallback(async (variables?: V) => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const r = await runOperation(caller, doc, variables);
      // An older answer arriving late must not replace a newer one.
      if (ticket === latest.current) setResult(r);
      return r;
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [caller, doc]);
  const autoKey = auto ? JSON.stringify(auto.variables ?? null) : null;
  // autoKey stands for auto.variables' value: a new object with the same content does not run again.
  useEffect(() => {
    if (autoKey !== null) void run(JSON.parse(autoKey) as V ?? undefined);
  }, [autoKey, run]);
  return { result, loading, run };
}
