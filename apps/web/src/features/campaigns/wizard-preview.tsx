import type { ReactNode } from 'react';
import type { AdAccountAssets, PlatformId } from '../../lib/types.ts';
import { humanize, type Draft } from './wizard-model.ts';
import { chosenAssets } from './wizard-assets.tsx';

interface PreviewData {
  headlines: string[];
  descriptions: string[];
  /** The display host and path: "northwind.example › summer". */
  displayUrl: string;
  callToAction: string | null;
  /** Who the ad runs as: the Page or identity chosen, else the account's name. */
  advertiser: string;
  /** The uploaded image's file name, when there is one. */
  image: string | null;
}

function displayUrlOf(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.split('/').filter(Boolean).slice(0, 2);
    return [parsed.hostname.replace(/^www\./, ''), ...path].join(' › ');
  } catch {
    return url;
  }
}

const Placeholder = ({ label, className }: { label: string; className: string }) => (
  <div className={`flex items-center justify-center bg-gradient-to-br from-gray-200 to-gray-300 text-xs text-gray-600 ${className}`} aria-hidden="true">
    {label}
  </div>
);

/** Google: a text ad on a results page; the first three headlines joined as Google shows them. */
function GooglePreview({ p }: { p: PreviewData }) {
  return (
    <div className="space-y-1 rounded-md bg-white p-4 ring-1 ring-gray-200">
      <p className="text-xs text-gray-700">
        <span className="font-semibold">Sponsored</span> · {p.displayUrl}
      </p>
      <p className="text-lg leading-snug text-blue-800">{p.headlines.slice(0, 3).join(' | ') || 'Your headlines'}</p>
      <p className="text-sm text-gray-700">{p.descriptions.slice(0, 2).join(' ') || 'Your descriptions'}</p>
    </div>
  );
}

/** Meta: a feed post by the Page, primary text above the picture, headline and button below. */
function MetaPreview({ p }: { p: PreviewData }) {
  return (
    <div className="max-w-sm overflow-hidden rounded-md bg-white ring-1 ring-gray-200">
      <div className="flex items-center gap-2 p-3">
        <div className="size-8 rounded-full bg-indigo-200" aria-hidden="true" />
        <div className="text-sm">
          <p className="font-semibold text-gray-900">{p.advertiser}</p>
          <p className="text-xs text-gray-500">Sponsored</p>
        </div>
      </div>
      <p className="px-3 pb-2 text-sm whitespace-pre-line text-gray-900">{p.descriptions[0] || 'Your primary text'}</p>
      <Placeholder label={p.image ?? 'Image or video'} className="aspect-[1.91/1] w-full" />
      <div className="flex items-center justify-between gap-2 bg-gray-50 p-3">
        <div className="min-w-0">
          <p className="truncate text-xs text-gray-500 uppercase">{p.displayUrl.split(' › ')[0]}</p>
          <p className="truncate text-sm font-semibold text-gray-900">{p.headlines[0] || 'Your headline'}</p>
        </div>
        {p.callToAction && <span className="shrink-0 rounded-md bg-gray-200 px-3 py-1.5 text-xs font-semibold text-gray-900">{p.callToAction}</span>}
      </div>
    </div>
  );
}

/** TikTok: a full-screen video with the identity's name, the ad text and the button over it. */
function TikTokPreview({ p }: { p: PreviewData }) {
  return (
    <div className="relative aspect-[9/16] w-48 overflow-hidden rounded-xl bg-gray-900 text-white">
      <Placeholder label="Video" className="absolute inset-0 from-gray-700 to-gray-900 text-gray-300" />
      <div className="absolute inset-x-0 bottom-0 space-y-1 bg-gradient-to-t from-black/80 p-3 text-xs">
        <p className="font-semibold">@{p.advertiser}</p>
        <p>{p.descriptions[0] || 'Your ad text'}</p>
        <p className="text-[10px] text-gray-300">Sponsored</p>
        {p.callToAction && <span className="mt-1 block rounded bg-rose-500 px-2 py-1 text-center font-semibold">{p.callToAction}</span>}
      </div>
    </div>
  );
}

const PREVIEWS: Record<PlatformId, (props: { p: PreviewData }) => ReactNode> = { google_ads: GooglePreview, meta: MetaPreview, tiktok: TikTokPreview };

/** How the ad will look on its platform, from what the draft holds so far (an approximation, not the platform's render). */
export function AdPreview({ draft, accountName, assets, finalUrl }: { draft: Draft; accountName: string; assets: AdAccountAssets | undefined; finalUrl: string }) {
  if (!draft.platform) return null;
  const chosen = chosenAssets(draft, assets);
  const runsAs = chosen.find((a) => a.asset === 'pageId' || a.asset === 'identityId');
  const data: PreviewData = {
    headlines: draft.headlines.map((t) => t.trim()).filter(Boolean),
    descriptions: draft.descriptions.map((t) => t.trim()).filter(Boolean),
    displayUrl: displayUrlOf(finalUrl),
    callToAction: draft.callToAction ? humanize(draft.callToAction) : null,
    advertiser: runsAs?.name?.split(' · ')[0] ?? accountName,
    image: draft.imageName || null,
  };
  const Preview = PREVIEWS[draft.platform];
  return (
    <figure className="space-y-2" aria-label="Ad preview">
      <figcaption className="text-sm font-medium text-gray-800">Preview</figcaption>
      <Preview p={data} />
      <p className="text-xs text-gray-500">An approximation: the platform decides the final layout.</p>
    </figure>
  );
}
