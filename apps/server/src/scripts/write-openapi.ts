/**
 * Writes the OpenAPI document generated from the route schemas to docs/openapi.json,
 * or with --check fails when the committed copy is out of date (run `npm run openapi`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '@adloop/db';
import { testConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createContext } from '../runtime.ts';

const target = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));
const isCheck = process.argv.includes('--check');

const handle = await openDatabase({ kind: 'pglite', dataDir: null });
await migrate(handle);
const ctx = await createContext({
  config: testConfig(),
  dbHandle: handle,
  secretKey: 'ab'.repeat(32),
  keyring: { currentVersion: 1, keys: new Map([[1, Buffer.alloc(32, 1)]]) },
  smtpUrl: () => 'smtp://127.0.0.1:25',
  devMailbox: true,
});
const app = await buildApp(ctx);
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await ctx.jobs.stop();
await handle.close();

if (isCheck) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== document) {
    process.stderr.write('docs/openapi.json is out of date with the route schemas. Run `npm run openapi` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('docs/openapi.json is up to date\n');
} else {
  await writeFile(target, document);
  process.stdout.write(`wrote ${target}\n`);
}
