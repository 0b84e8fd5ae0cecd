import { Badge } from '../../components/ui/card.tsx';
import type { NewAdView } from './new-ad-words.ts';
import { ctaWords } from './new-ad-words.ts';

/**
 * The copy of a proposed new ad, readable before deciding: each field with its label and numbered texts,
 * the button and the landing page, and "AI-assisted" (or "Template") when not a person's own texts.
 */
export function NewAdCopy({ ad, id }: { ad: NewAdView; id: string }) {
  return (
    <div id={id} className="mt-2 space-y-2 rounded-md bg-gray-50 p-3 text-xs text-gray-800 ring-1 ring-gray-200">
      <p className="flex flex-wrap items-center gap-2">
        {ad.sourceLabel && <Badge tone={ad.sourceLabel === 'AI-assisted' ? 'indigo' : 'gray'}>{ad.sourceLabel}</Badge>}
        {ad.name && <span className="text-gray-600">“{ad.name}”</span>}
      </p>
      <dl className="space-y-2">
        {ad.fields.map((field) => (
          <div key={field.key}>
            <dt className="font-medium text-gray-700">
              {field.label}
              {field.texts.length > 1 ? `s (${field.texts.length})` : ''}
            </dt>
            <dd>
              <ol className="mt-0.5 list-decimal space-y-0.5 pl-5">
                {field.texts.map((text, i) => (
                  <li key={`${field.key}-${i}`} className="break-words">
                    {text}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ))}
        {ad.callToAction && (
          <div>
            <dt className="font-medium text-gray-700">Call to action</dt>
            <dd>{ctaWords(ad.callToAction)}</dd>
          </div>
        )}
        <div>
          <dt className="font-medium text-gray-700">Landing page</dt>
          <dd className="break-all">{ad.finalUrl}</dd>
        </div>
      </dl>
    </div>
  );
}
