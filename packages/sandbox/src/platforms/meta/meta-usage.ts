import type { SandboxResponse } from '../../http/http.types.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import { graphError } from './meta-errors.ts';

/** Business-use-case usage per ad account over a rolling hour of simulated time. */
export function createUsageMeter(ctx: SandboxContext) {
  let calls = new Map<string, number[]>();
  let appCalls: number[] = [];
  const HOUR = 3_600_000;
  return {
    reset() {
      calls = new Map();
      appCalls = [];
    },
    record(kind: 'management' | 'insights', accountId: string): { headers: Record<string, string>; throttled: SandboxResponse | null } {
      const now = ctx.sim.clock.now();
      const key = `${kind}|${accountId}`;
      const list = (calls.get(key) ?? []).filter((t) => t > now - HOUR);
      list.push(now);
      calls.set(key, list);
      appCalls = appCalls.filter((t) => t > now - HOUR);
      appCalls.push(now);
      const limit = kind === 'management' ? ctx.settings.meta.managementCallsPerHour : ctx.settings.meta.insightsCallsPerHour;
      const pct = Math.min(100, Math.round((100 * list.length) / limit));
      const over = list.length > limit;
      const regainMinutes = over ? Math.max(1, Math.ceil(((list[0] ?? now) + HOUR - now) / 60_000)) : 0;
      const type = kind === 'management' ? 'ads_management' : 'ads_insights';
      const headers = {
        'x-business-use-case-usage': JSON.stringify({ [accountId]: [{ type, call_count: pct, total_cputime: Math.round(pct / 2), total_time: Math.round(pct / 2), estimated_time_to_regain_access: regainMinutes, ads_api_access_tier: 'standard_access' }] }),
        'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: pct, reset_time_duration: regainMinutes * 60, ads_api_access_tier: 'standard_access' }),
        'x-app-usage': JSON.stringify({ call_count: Math.min(100, Math.round(appCalls.length / 20)), total_cputime: 1, total_time: 1 }),
      };
      if (!over) return { headers, throttled: null };
      const code = kind === 'management' ? 80004 : 80000;
      return { headers, throttled: graphError({ code, transient: true, message: `There have been too many calls ${kind === 'management' ? 'to' : 'from'} this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.` }) };
    },
  };
}
