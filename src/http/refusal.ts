import type { ServerResponse } from 'node:http';
import { sendError } from './respond.js';

/** A request answered before it runs: the status, the error code of docs/api.md and why. */
export interface Refusal {
  ok: false;
  status: number;
  code: string;
  message: string;
  extra?: Record<string, unknown>;
}

/** What a step of the request path gives: a value, or the refusal to answer with. */
export type Outcome<T> = { ok: true; value: T } | Refusal;

export const accepted = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const refusal = (status: number, code: string, message: string, extra?: Record<string, unknown>): Refusal =>
  ({ ok: false, status, code, message, extra });

export function sendRefusal(res: ServerResponse, r: Refusal): void {
  sendError(res, r.status, r.code, r.message, r.extra);
}
