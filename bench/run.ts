/**
 * `npm run bench -- NAME` runs bench/NAME.bench.ts. Each benchmark prints its figures as
 * key=value pairs on its last line. Benchmarks never run in the test suite.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(folder)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];

if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}\n`);
  process.exit(name ? 1 : 0);
}
const bench = (await import(`./${name}.bench.ts`)) as { run(): Promise<void> };
await bench.run();
