import { z } from 'zod';
import { daysBetween } from '@adloop/engine';
import { PlatformError, type AccountRef, type MetricsApi, type MetricsLevel, type MetricsRequest, type MetricsRow, type TokenSet } from '../types.ts';
import { actPath, classifyMetaError, metaCall, metaPageAll, text, type GraphRow, type MetaConfig } from './meta.http.ts';
import { decimalToMicros, metricNumber } from './meta.money.ts';

const HOURLY = 'hourly_stats_aggregated_by_advertiser_time_zone';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZE = 500;

const LEVEL: Record<MetricsLevel, { level: string; idField: string }> = {
  campaign: { level: 'campaign', idField: 'campaign_id' },
  ad_group: { level: 'adset', idField: 'adset_id' },
  ad: { level: 'ad', idField: 'ad_id' },
};

/** The pixel purchase, as the sandbox reports conversions; `omni_purchase` and friends are roll-ups of the same events. */
export const DEFAULT_CONVERSION_ACTION = 'offsite_conversion.fb_pixel_purchase';

const ReportRunStarted = z.object({ report_run_id: z.coerce.string() });
const ReportRun = z.object({
  id: z.coerce.string().optional(),
  async_status: z.string(),
  async_percent_completion: z.coerce.number().optional(),
  error_code: z.coerce.number().optional(),
  error_subcode: z.coerce.number().optional(),
  error_message: z.string().optional(),
  error_user_msg: z.string().optional(),
});

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The value of one action type in an `actions` / `action_values` list; absent is undefined. */
function actionValue(list: unknown, actionType: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const found: unknown = list.find((entry: unknown) => entry !== null && typeof entry === 'object' && (entry as GraphRow).action_type === actionType);
  return found && typeof found === 'object' ? (found as GraphRow).value : undefined;
}

/**
 * Insights by day (`time_increment=1`) or by hour of the advertiser's time zone (the hourly breakdown),
 * every page. Spend is a decimal string in major units; conversions and their value come from one
 * action type of `actions` / `action_values`. Long ranges run as async report jobs (POST → poll the
 * AdReportRun → read its insights); so does a sync request Meta refuses as too heavy.
 */
export function createMetaMetrics(config: MetaConfig): MetricsApi {
  const sleep = config.sleep ?? realSleep;
  const conversionType = config.conversionActionType ?? DEFAULT_CONVERSION_ACTION;

  function queryParams(request: MetricsRequest): Record<string, string | number | boolean | Record<string, string> | undefined> {
    const level = LEVEL[request.level];
    const fields = [...new Set(['campaign_id', level.idField, 'impressions', 'clicks', 'spend', 'actions', 'action_values'])];
    return {
      level: level.level,
      fields: fields.join(','),
      time_range: { since: request.since, until: request.until },
      time_increment: 1,
      breakdowns: request.granularity === 'hour' ? HOURLY : undefined,
      use_unified_attribution_setting: true,
    };
  }

  function toRow(row: GraphRow, request: MetricsRequest, account: AccountRef): MetricsRow {
    const level = LEVEL[request.level];
    let hour: number | null = null;
    if (request.granularity === 'hour') {
      const label = /^(\d{2}):/.exec(text(row, HOURLY));
      if (!label) throw new PlatformError('transient', `Meta returned an hourly row without ${HOURLY}`, { platform: 'meta' });
      hour = Number(label[1]);
    }
    return {
      level: request.level,
      entityPlatformId: text(row, level.idField),
      campaignPlatformId: text(row, 'campaign_id'),
      date: text(row, 'date_start'),
      hour,
      timeBasis: 'account',
      impressions: metricNumber(row.impressions),
      clicks: metricNumber(row.clicks),
      spend: { micros: decimalToMicros(row.spend), currency: account.currency },
      conversions: metricNumber(actionValue(row.actions, conversionType)),
      conversionValue: { micros: decimalToMicros(actionValue(row.action_values, conversionType)), currency: account.currency },
    };
  }

  /** A failed or skipped job: its v25+ error fields classified when present, else transient (spawn it again). */
  function jobFailure(run: z.infer<typeof ReportRun>): PlatformError {
    const message = run.error_user_msg ?? run.error_message ?? `Meta report job ${run.id ?? ''} ended as "${run.async_status}"`;
    if (run.error_code !== undefined) {
      return classifyMetaError(400, { error: { code: run.error_code, error_subcode: run.error_subcode, message: run.error_message ?? message, error_user_msg: run.error_user_msg } });
    }
    const kind = /reduce the amount of data|too (large|much data)/i.test(message) ? 'report_too_large' : 'transient';
    return new PlatformError(kind, message, { platform: 'meta', platformMessage: message });
  }

  async function runAsync(tokens: TokenSet, account: AccountRef, request: MetricsRequest): Promise<GraphRow[]> {
    const deadline = Date.now() + (config.reportTimeoutMs ?? 20 * 60_000);
    const started = ReportRunStarted.parse(
      await metaCall(config, `${actPath(account.platformAccountId)}/insights`, { method: 'POST', params: queryParams(request), accessToken: tokens.accessToken }),
    );
    const runId = started.report_run_id;
    let wait = config.reportPollIntervalMs ?? 2_000;
    let percent = 0;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new PlatformError('transient', `Meta report job ${runId} stalled at ${percent}%`, { platform: 'meta', platformMessage: `async_percent_completion ${percent}` });
      }
      await sleep(Math.min(wait, remaining));
      wait = Math.min(config.reportPollMaxIntervalMs ?? 30_000, Math.ceil(wait * 1.5));
      let run: z.infer<typeof ReportRun>;
      try {
        run = ReportRun.parse(await metaCall(config, runId, { accessToken: tokens.accessToken }));
      } catch (error) {
        // A throttled or failed poll does not end the job: wait (at least the hint) while the deadline allows.
        if (!(error instanceof PlatformError) || !error.isRetryable) throw error;
        const hintMs = (error.details.retryAfterSeconds ?? 0) * 1000;
        if (Date.now() + hintMs >= deadline) throw error;
        wait = Math.max(wait, hintMs);
        continue;
      }
      percent = run.async_percent_completion ?? percent;
      if (run.async_status === 'Job Failed' || run.async_status === 'Job Skipped') throw jobFailure(run);
      // "Job Completed" can show before the rows are ready; both signals must agree.
      if (run.async_status === 'Job Completed' && (run.async_percent_completion ?? 100) >= 100) {
        return metaPageAll(config, `${runId}/insights`, tokens.accessToken, { limit: PAGE_SIZE });
      }
    }
  }

  return {
    async pull(tokens, account, request) {
      if (!DATE.test(request.since) || !DATE.test(request.until) || request.since > request.until) {
        throw new PlatformError('invalid_request', 'since/until must be YYYY-MM-DD with since ≤ until', { platform: 'meta', field: 'time_range' });
      }
      const weight = daysBetween(request.since, request.until) * (request.granularity === 'hour' ? 24 : 1);
      let rows: GraphRow[];
      if (weight > (config.asyncReportAboveDays ?? 31)) {
        rows = await runAsync(tokens, account, request);
      } else {
        try {
          rows = await metaPageAll(config, `${actPath(account.platformAccountId)}/insights`, tokens.accessToken, { ...queryParams(request), limit: PAGE_SIZE });
        } catch (error) {
          // "Please reduce the amount of data" and the insights timeouts: the same query as a job usually succeeds.
          if (!(error instanceof PlatformError && error.kind === 'report_too_large')) throw error;
          rows = await runAsync(tokens, account, request);
        }
      }
      return rows.map((row) => toRow(row, request, account));
    },
  };
}
