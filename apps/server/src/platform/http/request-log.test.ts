import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { RequestLog } from './request-log.ts';

/** Requests slower than SLOW_MS count as slow; /slow takes longer than that, /fast answers at once. */
const SLOW_MS = 500;

async function logsOf(mode: Config['requestLog']['mode'], paths: string[], slowMs = SLOW_MS): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ loggerInstance: createLogger({ logLevel: 'info' }, sink), logController: new RequestLog({ mode, slowMs }) });
  app.get('/fast', async () => ({ ok: true }));
  app.get('/slow', async () => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), SLOW_MS + 200)));
  app.get('/broken', async () => {
    throw new Error('boom');
  });
  for (const url of paths) await app.inject({ url });
  await app.close();
  return lines.filter((line) => typeof line.status === 'number');
}

describe('request log', () => {
  it('writes one line per request at info, with method, path (no query), status and duration', async () => {
    const lines = await logsOf('all', ['/fast?token=secret-value'], 60_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, method: 'GET', url: '/fast', status: 200, msg: expect.stringMatching(/^GET \/fast 200 \d+ms$/) });
    expect(JSON.stringify(lines)).not.toContain('secret-value');
  });

  it('keeps only slow requests and server errors in slow mode, at warn or above', async () => {
    const lines = await logsOf('slow', ['/fast', '/slow', '/broken', '/fast']);
    expect(lines.map((line) => [line.url, line.status])).toEqual([['/slow', 200], ['/broken', 500]]);
    expect(lines.every((line) => Number(line.level) >= 40)).toBe(true);
  });

  it('writes nothing for answered requests when off', async () => {
    expect(await logsOf('off', ['/fast', '/slow'])).toEqual([]);
  });
});
