/** How long a clean stop may take before the process gives up and exits anyway. */
const STOP_TIMEOUT_MS = 30_000;
/**
 * Ctrl-C under `npm start` delivers SIGINT twice at once (from the terminal, and forwarded by
 * npm); only a signal this long after the first counts as "stop now".
 */
const REPEAT_WINDOW_MS = 1_000;

export interface ShutdownSignal {
  /** Resolves with the signal's name when SIGINT or SIGTERM arrives. */
  readonly requested: Promise<NodeJS.Signals>;
  isRequested(): boolean;
}

/**
 * Takes over SIGINT and SIGTERM from the start of the process, so a signal that arrives while
 * Adloop is still starting does not kill it with the data-folder lock and the database open:
 * start-up finishes its current step and then stops cleanly. A second signal (not the echo of
 * the first) exits at once.
 */
export function listenForShutdown(): ShutdownSignal {
  let received: NodeJS.Signals | null = null;
  let receivedAt = 0;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const requested = new Promise<NodeJS.Signals>((done) => (resolve = done));
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      if (Date.now() - receivedAt > REPEAT_WINDOW_MS) process.exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    received = signal;
    receivedAt = Date.now();
    resolve(signal);
    setTimeout(() => {
      process.stderr.write(`Adloop did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway.\n`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { requested, isRequested: () => received !== null };
}
