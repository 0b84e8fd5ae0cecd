import { describe, expect, it } from 'vitest';
import { FairLimiter } from './fair-limiter.ts';
import { interleaveByOrg } from '../sync/sync.scheduler.ts';

describe('a platform quota shared fairly across organisations', () => {
  it('serves a light organisation promptly while a heavy one has a hundred calls queued', async () => {
    const limiter = new FairLimiter(200, 1);
    const order: string[] = [];
    const heavy = Array.from({ length: 100 }, () => limiter.acquire('heavy').then(() => order.push('heavy')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const light = [limiter.acquire('light').then(() => order.push('light')), limiter.acquire('light').then(() => order.push('light'))];
    await Promise.all([...heavy, ...light]);
    // Round-robin: the light organisation's two calls are served within its first turns, not after 100.
    expect(order.indexOf('light')).toBeLessThanOrEqual(4);
    expect(order.lastIndexOf('light')).toBeLessThanOrEqual(6);
    expect(limiter.granted).toBe(102);
    limiter.close();
  });

  it('never grants faster than the platform’s rate', async () => {
    const limiter = new FairLimiter(50, 1);
    const started = Date.now();
    await Promise.all(Array.from({ length: 26 }, (_, i) => limiter.acquire(`org-${i % 3}`)));
    // 1 at once, then 25 more at 50/s: at least ~500 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    limiter.close();
  });

  it('queues accounts organisation by organisation', () => {
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => ({ org_id: 'big', id: `b${i}` })),
      { org_id: 'small', id: 's0' },
      { org_id: 'mid', id: 'm0' },
      { org_id: 'mid', id: 'm1' },
    ];
    expect(interleaveByOrg(rows).map((r) => r.id)).toEqual(['b0', 's0', 'm0', 'b1', 'm1', 'b2', 'b3', 'b4']);
  });
});
