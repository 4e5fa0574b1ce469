import { writeFileSync } from 'node:fs';
import { errorCode } from '../../src/db/error-code.js';
import { missed } from './markdown.js';

/** A failure the run cannot recover from, with a message safe to print: steps, servers, counts, never data. */
export class BenchFailed extends Error {}

/** Progress on stderr, so stdout carries the report only: "[bench 12s] …". */
export function progress(name: string): (msg: string) => void {
  const started = Date.now();
  return (msg) => console.error(`[${name} ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);
}

/** Seconds since `start` (a Date.now() value). */
export const secondsSince = (start: number) => (Date.now() - start) / 1000;

/**
 * A whole number from the environment, for shorter runs (docs/bench.md, "Running it"); the default
 * when unset. Anything but a positive whole number is refused rather than silently ignored.
 */
export function knob(name: string, otherwise: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return otherwise;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchFailed(`${name}=${raw}: expected a positive whole number`);
  return value;
}

/**
 * The items in the order of round `round`: as given in even rounds, reversed in odd ones, so a
 * drift of the machine's speed during a run favours none of them.
 */
export const roundOrder = <T>(items: readonly T[], round: number): T[] => (round % 2 === 0 ? [...items] : [...items].reverse());

/** The items rotated by `turn`: each takes every place in turn. */
export const turnOrder = <T>(items: readonly T[], turn: number): T[] => items.map((_, k) => items[(turn + k) % items.length]);

/** Writes the report, prints it on stdout, and a NOTE line on stderr for each missed target. */
export function publish(file: URL, markdown: string, notes: readonly string[], log: (msg: string) => void): void {
  writeFileSync(file, markdown);
  console.log(markdown);
  for (const note of missed(notes)) console.error(`NOTE: target missed: ${note}`);
  log(`report written to ${file.pathname.slice(file.pathname.lastIndexOf('/bench/') + 1)}`);
}

/**
 * How a benchmark entry point runs: a watchdog that ends it should anything hang, and errors
 * reported safely. BenchFailed messages are printed in full; anything else only by name, code and
 * stack frames: database and ORM messages can quote parameters, i.e. personal data.
 */
export function runBench(name: string, main: () => Promise<void>, o: { watchdogMinutes: number }): void {
  const watchdog = setTimeout(() => {
    console.error(`${name}: still running after ${o.watchdogMinutes} minutes, giving up`);
    process.exit(1);
  }, o.watchdogMinutes * 60_000);
  watchdog.unref();

  main().then(
    // Everything is closed; should a library still hold a handle, do not hang on it.
    () => setTimeout(() => process.exit(0), 2_000).unref(),
    (e: unknown) => {
      console.error(`${name} failed: ${describeError(e)}`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 2_000).unref();
    },
  );
}

function describeError(e: unknown): string {
  if (e instanceof BenchFailed) return e.message;
  if (!(e instanceof Error)) return typeof e;
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 8).join('\n');
  return `${e.name}${code ? ` (code ${errorCode(e) ?? "unknown"})` : ''}\n${frames}`;
}
