import type { CampaignChange } from '../../lib/types.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { Badge } from '../../components/ui/card.tsx';
import { formatMicros } from '../connections/money.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { ActorLabel } from './actor-label.tsx';
import { beforeAfterWords, levelWords, valueWords } from './proposal-words.ts';
import { newAdOf } from './new-ad-words.ts';
import { NewAdCopy } from './new-ad-copy.tsx';
import type { DecisionResult } from './decision-results.ts';

/** The parts of one proposal's row, each small enough to read alone. */

export function WhatCell({ change, editedMicros, result }: { change: CampaignChange; editedMicros: number | undefined; result: DecisionResult | undefined }) {
  const newAd = newAdOf(change);
  return (
    <div className="min-w-0 space-y-0.5">
      <p className="font-medium text-gray-900">
        {beforeAfterWords(change)}
        {change.stale && (
          <>
            {' '}
            <Badge tone="amber">Stale</Badge>
          </>
        )}
      </p>
      <p className="text-xs text-gray-600">
        {levelWords(change.entityLevel)} “{change.entityName}”{change.entityLevel !== 'campaign' ? ` of “${change.campaignName}”` : ''} · {PLATFORM_NAMES[change.platform]}
      </p>
      {editedMicros !== undefined && (
        <p className="text-xs font-medium text-indigo-800">
          Approving with {formatMicros(editedMicros, change.currency)} instead of {valueWords(change, change.after)}
        </p>
      )}
      {change.proposedAfter !== null && change.state !== 'proposed' && <p className="text-xs text-gray-600">First proposed as {valueWords(change, change.proposedAfter)}</p>}
      {change.stale && (
        <p className="text-xs text-amber-800">
          Proposed from {valueWords(change, change.before)}, but the platform now has {valueWords(change, change.stale.current)}. It cannot be approved: reject it, and a new proposal can start from today’s value.
        </p>
      )}
      {newAd && <NewAdCopy ad={newAd} id={`proposal-${change.id}-copy`} />}
      {result && <ResultLine result={result} />}
    </div>
  );
}

function ResultLine({ result }: { result: DecisionResult }) {
  if (result.ok) return <p className="text-xs font-medium text-green-800">{result.change?.state === 'rejected' ? 'Rejected' : 'Approved: on its way to the platform'}</p>;
  return <p className="text-xs font-medium text-red-700">Refused: {result.message ?? 'the server did not say why'}</p>;
}

export function ProposerCell({ change }: { change: CampaignChange }) {
  return (
    <div className="min-w-0 space-y-0.5 text-sm">
      <ActorLabel type={change.actorType} label={change.actorLabel} className="text-gray-900" />
      {change.reason && <p className="text-xs break-words text-gray-600">“{change.reason}”</p>}
    </div>
  );
}

export function StakeCell({ change }: { change: CampaignChange }) {
  if (change.stakeMicrosPerDay === null) return <span className="text-gray-600">—</span>;
  return (
    <span className="whitespace-nowrap text-gray-900">
      {formatMicros(change.stakeMicrosPerDay, change.currency)}
      <span className="text-xs text-gray-600"> / day</span>
    </span>
  );
}

export function GuardrailChips({ change }: { change: CampaignChange }) {
  if (change.guardrails.length === 0) return <span className="text-xs text-gray-600">None checked</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Guardrails">
      {change.guardrails.map((g) => (
        <li key={g.id} title={g.message}>
          <Badge tone={g.outcome === 'passed' ? 'green' : 'amber'}>
            {g.outcome === 'passed' ? '✓' : '!'} {guardrailName(g.id)}
            <span className="sr-only">: {g.outcome === 'passed' ? 'passed' : 'confirmed past by a person'}. {g.message}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}

const GUARDRAIL_NAMES: Readonly<Record<string, string>> = {
  budget_jump: 'Budget jump',
  changes_per_day: 'Changes per day',
  platform_limits: 'Platform limits',
  frozen_status: 'Frozen status',
  learning_phase: 'Learning phase',
  kill_switch: 'Kill switch',
};
export const guardrailName = (id: string) => (Object.hasOwn(GUARDRAIL_NAMES, id) ? GUARDRAIL_NAMES[id]! : id.replace(/_/g, ' '));

export function WhenCell({ change }: { change: CampaignChange }) {
  return (
    <div className="space-y-0.5 text-xs whitespace-nowrap text-gray-600">
      <time dateTime={change.createdAt} title={formatDateTime(change.createdAt)} className="block">
        {formatRelative(change.createdAt)}
      </time>
      {change.state === 'proposed' && change.expiresAt && (
        <span className="block">
          expires <time dateTime={change.expiresAt} title={formatDateTime(change.expiresAt)}>{formatRelative(change.expiresAt)}</time>
        </span>
      )}
    </div>
  );
}

/** For decided proposals: who decided, when, and the reason of a rejection. */
export function DecisionCell({ change }: { change: CampaignChange }) {
  if (!change.decidedBy) return <span className="text-xs text-gray-600">{change.state === 'expired' ? 'Nobody decided in time' : change.state === 'stopped' ? 'Stopped by the kill switch' : '—'}</span>;
  return (
    <div className="space-y-0.5 text-xs text-gray-600">
      <span className="block">
        {change.state === 'rejected' ? 'Rejected by ' : 'Approved by '}
        <ActorLabel type={change.decidedBy.type} label={change.decidedBy.label} />
      </span>
      {change.decisionNote && <span className="block break-words">“{change.decisionNote}”</span>}
    </div>
  );
}
