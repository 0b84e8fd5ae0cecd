import type { DailySummary } from '@adloop/contracts';
import { formatKpi, formatMoney } from '../reports/report-format.ts';

const pct = (change: number | null | undefined): string => (change === null || change === undefined ? 'no spend the day before' : `${change >= 0 ? '+' : ''}${Math.round(change * 1000) / 10} % vs the day before`);

/** The summary as the title and plain-text body every channel shows (email, Slack, the bell). */
export function summaryText(s: DailySummary): { title: string; body: string } {
  const spend = formatKpi('spend', s.totals, s.currency);
  const lines = [
    `Spend ${spend} (${pct(s.change.spendMicros)}), conversions ${formatKpi('conversions', s.totals, s.currency)} (${pct(s.change.conversions)}), cost per conversion ${formatKpi('cpa', s.totals, s.currency)}.`,
  ];
  if (s.forecast) lines.push(`Expected: spend ${formatMoney(s.forecast.spendMicros, s.currency)}, ${s.forecast.conversions} conversions.`);
  if (s.topMovers.length > 0) {
    lines.push('Top movers:');
    for (const m of s.topMovers) lines.push(`- ${m.name} (${m.accountName}): spend ${formatMoney(m.previousSpendMicros, m.currency)} → ${formatMoney(m.spendMicros, m.currency)}, conversions ${m.previousConversions} → ${m.conversions}`);
  }
  lines.push(`Open anomalies: ${s.openAnomalyCount}. Proposals waiting: ${s.proposalsWaiting}.`);
  return { title: `Daily summary for ${s.date}: ${spend} spent`, body: lines.join('\n') };
}
