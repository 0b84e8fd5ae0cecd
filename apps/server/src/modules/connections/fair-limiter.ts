import { TokenBucket } from '@adloop/platforms';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One platform's request budget shared by every organisation: a token bucket for the platform's
 * quota, handed out round-robin across the organisations that are waiting. An organisation with
 * a hundred accounts syncing waits its turn like one with a single account, so a heavy tenant
 * cannot starve the others.
 */
export class FairLimiter {
  private readonly queues = new Map<string, Waiter[]>();
  /** Round-robin order of organisations with waiters. */
  private readonly order: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly bucket: TokenBucket;
  granted = 0;

  constructor(
    readonly ratePerSecond: number,
    burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(burst, ratePerSecond, now);
  }

  /** Resolves when `tenant` may make one call. */
  acquire(tenant: string): Promise<void> {
    if (this.order.length === 0 && this.bucket.tryTake()) {
      this.granted++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let queue = this.queues.get(tenant);
      if (!queue) {
        queue = [];
        this.queues.set(tenant, queue);
        this.order.push(tenant);
      }
      queue.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Calls waiting, per tenant (for metrics and tests). */
  waiting(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([tenant, queue]) => [tenant, queue.length]));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const queue of this.queues.values()) for (const waiter of queue) waiter.reject(new Error('Limiter closed'));
    this.queues.clear();
    this.order.length = 0;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, Math.max(1, this.bucket.waitMs()));
    this.timer.unref?.();
  }

  private drain(): void {
    while (this.order.length > 0 && this.bucket.tryTake()) {
      const tenant = this.order.shift() as string;
      const queue = this.queues.get(tenant) as Waiter[];
      const waiter = queue.shift() as Waiter;
      if (queue.length > 0) this.order.push(tenant);
      else this.queues.delete(tenant);
      this.granted++;
      waiter.resolve();
    }
    if (this.order.length > 0) this.schedule();
  }
}
