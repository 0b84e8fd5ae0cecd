import type { PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from './health.tsx';

/** Simplified marks drawn inline (no requests, no third-party files), each named for assistive technology. */
const MARKS: Record<PlatformId, React.ReactNode> = {
  google_ads: (
    <>
      <rect x="11.5" y="2.5" width="8" height="27" rx="4" transform="rotate(-30 15.5 16)" fill="#4285F4" />
      <rect x="3" y="9" width="8" height="20" rx="4" transform="rotate(30 7 19)" fill="#FBBC04" />
      <circle cx="7" cy="25" r="4" fill="#34A853" />
    </>
  ),
  meta: (
    <path
      d="M5 20.5c0-6 2.8-11 6.2-11 2.6 0 4.4 2.8 6.3 6.3 1.7 3.1 3 5.6 5 5.6 1.6 0 2.5-1.4 2.5-3.9 0-4-2-7.6-4.3-7.6-1.9 0-3.3 2.2-4.7 4.6M5 20.5c0 2.6 1.2 4 3 4 2.2 0 3.7-2.6 5.4-5.5"
      fill="none"
      stroke="#0866FF"
      strokeWidth="3"
      strokeLinecap="round"
    />
  ),
  tiktok: (
    <>
      <path d="M18 4v15.5a4.5 4.5 0 1 1-4.5-4.5" fill="none" stroke="#25F4EE" strokeWidth="3.2" strokeLinecap="round" transform="translate(-1 -1)" />
      <path d="M18 4v15.5a4.5 4.5 0 1 1-4.5-4.5" fill="none" stroke="#FE2C55" strokeWidth="3.2" strokeLinecap="round" transform="translate(1 1)" />
      <path d="M18 4v15.5a4.5 4.5 0 1 1-4.5-4.5M18 4c.5 3 2.6 5 6 5.3" fill="none" stroke="#111827" strokeWidth="3.2" strokeLinecap="round" />
    </>
  ),
};

export function PlatformLogo({ platform, className = 'size-8' }: { platform: PlatformId; className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={`shrink-0 ${className}`} role="img" aria-label={`${PLATFORM_NAMES[platform]} logo`}>
      {MARKS[platform]}
    </svg>
  );
}
