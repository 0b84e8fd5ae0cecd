import { Link } from '@tanstack/react-router';
import type { ImportRowResult } from '@adloop/contracts';
import { Badge } from '../../components/ui/card.tsx';

const STATE_WORDS: Record<string, { label: string; tone: 'green' | 'amber' | 'indigo' | 'red' | 'gray' }> = {
  applied: { label: 'Applied', tone: 'green' },
  pending: { label: 'Being applied', tone: 'indigo' },
  proposed: { label: 'Awaiting approval', tone: 'amber' },
  conflict: { label: 'Conflict', tone: 'red' },
  failed: { label: 'Failed', tone: 'red' },
};

/** One line per row applied: what became of it, with a link to the campaign. */
export function ApplyResults({ orgId, results }: { orgId: string; results: readonly ImportRowResult[] }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        <caption className="sr-only">What became of each row</caption>
        <thead className="bg-gray-50 text-left text-xs font-semibold text-gray-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Line
            </th>
            <th scope="col" className="px-3 py-2">
              Result
            </th>
            <th scope="col" className="px-3 py-2">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 bg-white">
          {results.map((result) => {
            const state = result.state ? (STATE_WORDS[result.state] ?? { label: result.state, tone: 'gray' as const }) : null;
            return (
              <tr key={result.line}>
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs text-gray-500">
                  {result.line}
                </th>
                <td className="px-3 py-2">
                  {result.outcome === 'sent' && state ? <Badge tone={state.tone}>{state.label}</Badge> : <Badge tone="red">{result.outcome === 'failed' ? 'Refused' : 'Not sent'}</Badge>}
                </td>
                <td className="px-3 py-2 text-gray-700">
                  {result.outcome === 'sent' && result.campaignId && (
                    <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: result.campaignId }} className="font-medium text-indigo-600 hover:text-indigo-500">
                      Open the campaign
                    </Link>
                  )}
                  {result.outcome === 'sent' && result.state === 'proposed' && (
                    <span className="ml-2">
                      An approver decides in the{' '}
                      <Link to="/orgs/$orgId/approvals" params={{ orgId }} className="font-medium text-indigo-600 hover:text-indigo-500">
                        approval inbox
                      </Link>
                      .
                    </span>
                  )}
                  {result.message && <span>{result.message}</span>}
                  {result.errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join('; ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
