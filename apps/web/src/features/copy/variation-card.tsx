import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { humanize } from '../campaigns/wizard-model.ts';
import { CharCount, CheckList, RepairList } from './copy-checks.tsx';
import { adChecks, asEdited, blocks, callToActionOf, checkEdited, checksAt, copyFields, sourceLabel, textsOf, warnings, withText } from './copy-model.ts';
import type { AdCopy, BrandVoice, CopyBrief, CopyCheck, CopyVariation } from './copy-types.ts';

export interface VariationCardProps {
  variation: CopyVariation;
  /** 1-based, for its title. */
  number: number;
  brief: CopyBrief;
  voice: BrandVoice;
  /** Checks of the brief the server made (an unreachable landing page): they block every variation. */
  briefChecks: readonly CopyCheck[];
  isRegenerating: boolean;
  /** Another request runs (generating, regenerating, publishing): buttons wait. */
  isBusy: boolean;
  onRegenerate: () => void;
  /** Told when the person starts or drops edits of this variation (regenerating would discard them). */
  onEditedChange?: ((edited: boolean) => void) | undefined;
  /** The card's main action on the copy as shown (edited or not): "Use in the ad", "Publish"… */
  renderAction: (copy: AdCopy, publishable: boolean) => ReactNode;
}

/**
 * One variation: each text with its count in the platform's counting and its checks (red blocks, amber
 * warnings), the repairs made before → after with the reason, and the copy's label (AI-assisted /
 * Template / Edited by you). Edit re-checks every keystroke with the engine's validator.
 */
export function VariationCard({ variation, number, brief, voice, briefChecks, isRegenerating, isBusy, onRegenerate, onEditedChange, renderAction }: VariationCardProps) {
  const platform = variation.copy.platform;
  const fields = useMemo(() => copyFields(platform), [platform]);
  /** "Headline 3", "Call to action": a repair's place in the platform's words. */
  const textLabel = (name: string, index: number) => {
    const field = fields.find((f) => f.name === name);
    if (field) return `${field.label} ${index + 1}`;
    return name === 'callToAction' ? 'Call to action' : humanize(name.replace(/([a-z])([A-Z])/g, '$1_$2'));
  };
  const [kept, setKept] = useState<AdCopy | null>(null);
  const [draft, setDraft] = useState<AdCopy | null>(null);
  const isEdited = draft !== null || kept !== null;
  // The latest callback, without re-running the effects when its identity changes.
  const tell = useRef(onEditedChange);
  useEffect(() => {
    tell.current = onEditedChange;
  });
  useEffect(() => {
    tell.current?.(isEdited);
  }, [isEdited]);
  useEffect(() => () => tell.current?.(false), []);
  const headingId = useId();
  const editId = `${headingId}-edit`;
  const focusEdit = () => requestAnimationFrame(() => document.getElementById(editId)?.focus());
  const shown = draft ?? kept ?? variation.copy;
  // The server's checks for its own copy; the engine's, in the browser, for a person's edit.
  const ownChecks = draft || kept ? checkEdited(shown, brief, voice) : variation.checks;
  const checks = [...ownChecks, ...briefChecks.filter((b) => !ownChecks.some((c) => c.id === b.id && c.field === b.field))];
  const blocking = blocks(checks);
  // The server's verdict on its own copy counts too (it also checked the landing page over the network).
  const publishable = blocking.length === 0 && (draft !== null || kept !== null || variation.publishable);
  const label = sourceLabel(shown.source);
  const cta = callToActionOf(shown);

  const startEdit = () => setDraft(shown);
  const cancelEdit = () => {
    setDraft(null);
    focusEdit();
  };
  const keepEdit = () => {
    if (draft) setKept(asEdited(draft));
    setDraft(null);
    focusEdit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && draft) {
      event.stopPropagation();
      cancelEdit();
    }
  };

  return (
    <article aria-labelledby={headingId} data-editing={draft !== null} aria-busy={isRegenerating || undefined} className={`space-y-3 rounded-lg bg-white p-4 ring-1 ${publishable ? 'ring-gray-200' : 'ring-red-300'} ${isRegenerating ? 'opacity-60' : ''}`} onKeyDown={onKeyDown}>
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h5 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-gray-900">
          Variation {number}
          <Badge tone={shown.source === 'ai' ? 'indigo' : 'gray'}>{label}</Badge>
          {publishable ? (
            <Badge tone="green">Passes the checks{warnings(checks).length > 0 ? `, ${warnings(checks).length} to look at` : ''}</Badge>
          ) : (
            <Badge tone="red">
              {blocking.length} {blocking.length === 1 ? 'problem blocks' : 'problems block'} publishing
            </Badge>
          )}
        </h5>
        <div className="flex flex-wrap gap-2">
          {!draft && (
            <>
              <Button id={editId} variant="secondary" className="px-2 py-1 text-xs" onClick={startEdit} disabled={isBusy}>
                Edit<span className="sr-only"> variation {number}</span>
              </Button>
              <Button variant="secondary" className="px-2 py-1 text-xs" onClick={onRegenerate} disabled={isBusy} isLoading={isRegenerating}>
                Regenerate<span className="sr-only"> variation {number}</span>
              </Button>
            </>
          )}
        </div>
      </header>
      {isRegenerating && (
        <p role="status" className="text-xs text-gray-600">
          Writing a new variation {number}…
        </p>
      )}
      {!kept && !draft && <RepairList repairs={variation.repairs} textLabel={textLabel} />}
      {fields.map((field) => {
        const texts = textsOf(shown, field.name);
        if (texts.length === 0 && field.min === 0 && !draft) return null;
        return (
          <div key={field.name} className="space-y-1">
            <p className="text-xs font-medium tracking-wide text-gray-500 uppercase">
              {field.label}s <span className="font-normal normal-case">({texts.length} of up to {field.most})</span>
            </p>
            <ol className="space-y-1.5">
              {texts.map((text, index) => (
                <TextRow
                  key={index}
                  text={text}
                  index={index}
                  field={field}
                  checks={checksAt(checks, field.name, index)}
                  editing={draft !== null}
                  label={`${field.label} ${index + 1} of variation ${number}`}
                  onChange={(value) => setDraft((d) => (d ? withText(d, field.name, index, value) : d))}
                  onRemove={texts.length > field.min ? () => setDraft((d) => (d ? withText(d, field.name, index, null) : d)) : undefined}
                />
              ))}
            </ol>
            {draft && texts.length < field.most && (
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setDraft((d) => (d ? withText(d, field.name, texts.length, '') : d))}>
                Add {field.label.toLowerCase()}
              </Button>
            )}
            <CheckList checks={checksAt(checks, field.name, null)} />
          </div>
        );
      })}
      {cta && (
        <p className="text-xs text-gray-600">
          Call to action: <span className="font-medium text-gray-900">{humanize(cta)}</span>
        </p>
      )}
      <CheckList checks={adChecks(checks, platform).filter((c) => !fields.some((f) => f.name === c.field))} />
      <footer className="flex flex-wrap items-center justify-end gap-2 border-t border-gray-100 pt-3">
        {draft ? (
          <>
            <p className="mr-auto text-xs text-gray-500">Checked as you type. Escape discards the edit.</p>
            <Button variant="secondary" onClick={cancelEdit}>
              Discard edit
            </Button>
            <Button onClick={keepEdit}>Keep edit</Button>
          </>
        ) : (
          <>
            {kept && (
              <Button variant="ghost" onClick={() => setKept(null)} disabled={isBusy}>
                Undo my edits
              </Button>
            )}
            {renderAction(shown, publishable)}
          </>
        )}
      </footer>
    </article>
  );
}

function TextRow({
  text,
  index,
  field,
  checks,
  editing,
  label,
  onChange,
  onRemove,
}: {
  text: string;
  index: number;
  field: ReturnType<typeof copyFields>[number];
  checks: CopyCheck[];
  editing: boolean;
  label: string;
  onChange: (value: string) => void;
  onRemove: (() => void) | undefined;
}) {
  const id = useId();
  const hasBlock = checks.some((c) => c.severity === 'block');
  const long = field.max > 40;
  return (
    <li className={`rounded-md px-2 py-1.5 ${hasBlock ? 'bg-red-50 ring-1 ring-red-200' : checks.length > 0 ? 'bg-amber-50' : 'bg-gray-50'}`}>
      {editing ? (
        <div className="flex items-start gap-2">
          <label htmlFor={id} className="sr-only">
            {label}
          </label>
          {long ? (
            <textarea
              id={id}
              rows={2}
              value={text}
              onChange={(e) => onChange(e.currentTarget.value)}
              aria-invalid={hasBlock || undefined}
              aria-describedby={`${id}-count${checks.length ? ` ${id}-checks` : ''}`}
              className="block w-full rounded-md border-0 px-2 py-1 text-sm text-gray-900 ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
            />
          ) : (
            <input
              id={id}
              value={text}
              onChange={(e) => onChange(e.currentTarget.value)}
              aria-invalid={hasBlock || undefined}
              aria-describedby={`${id}-count${checks.length ? ` ${id}-checks` : ''}`}
              className="block w-full rounded-md border-0 px-2 py-1 text-sm text-gray-900 ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
            />
          )}
          <CharCount text={text} field={field} id={`${id}-count`} />
          {onRemove && (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={onRemove}>
              Remove<span className="sr-only"> {label}</span>
            </Button>
          )}
        </div>
      ) : (
        <div className="flex items-start justify-between gap-3">
          <span className="min-w-0 text-sm break-words text-gray-900">
            <span className="sr-only">{field.label} {index + 1}: </span>
            {text || <span className="text-gray-400 italic">(empty)</span>}
          </span>
          <CharCount text={text} field={field} />
        </div>
      )}
      <CheckList checks={checks} id={`${id}-checks`} />
    </li>
  );
}
