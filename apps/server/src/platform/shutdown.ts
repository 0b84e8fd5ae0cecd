/** How long a clean stop may take before the process gives up and exits anyway. */
const STOP_TIMEOUT_MS = 15_000;

export interface ShutdownSignal {
  /** Resolves with the signal's name when SIGINT or SIGTERM arrives. */
  readonly requested: Promise<NodeJS.Signals>;
  isRequested(): boolean;
}

/**
 * Takes over SIGINT and SIGTERM from the start of the process, so a signal that arrives while
 * Adloop is still starting does not kill it with the data-folder lock and the database open:
 * start-up finishes its current step and then stops cleanly. A second signal exits at once.
 */
export function listenForShutdown(): ShutdownSignal {
  let received: NodeJS.Signals | null = null;
  let resolve: (signal: NodeJS.Signals) => void = () => {};
  const requested = new Promise<NodeJS.Signals>((done) => (resolve = done));
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(signal === 'SIGINT' ? 130 : 143);
    received = signal;
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
