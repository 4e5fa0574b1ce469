/**
 * How a benchmark entry point runs: a watchdog that ends it should anything hang, and errors
 * reported safely. `own` says which errors are the benchmark's own (they name steps, servers and
 * counts, never data) and are printed in full; anything else only by name, code and stack frames:
 * database and ORM messages can quote parameters, i.e. personal data.
 */
export function runBench(name: string, main: () => Promise<void>, o: { watchdogMs: number; watchdogText: string; own: (e: unknown) => boolean }): void {
  const watchdog = setTimeout(() => {
    console.error(`${name}: still running after ${o.watchdogText}, giving up`);
    process.exit(1);
  }, o.watchdogMs);
  watchdog.unref();

  main().then(
    // Everything is closed; should a library still hold a handle, do not hang on it.
    () => setTimeout(() => process.exit(0), 2_000).unref(),
    (e: unknown) => {
      console.error(`${name} failed: ${describeError(e, o.own)}`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 2_000).unref();
    },
  );
}

function describeError(e: unknown, own: (e: unknown) => boolean): string {
  if (own(e) && e instanceof Error) return e.message;
  if (!(e instanceof Error)) return typeof e;
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 8).join('\n');
  return `${e.name}${code ? ` (code ${String(code)})` : ''}\n${frames}`;
}
