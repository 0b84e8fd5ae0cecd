import { countryName } from '@adloop/engine';
import type { Session } from '../../lib/types.ts';

/** "5.9.0.1 · Germany": the sign-in's address and the country it was placed in, when known. */
export function describePlace(session: Session): string {
  const ip = session.ip ?? 'Unknown IP';
  return session.country ? `${ip} · ${countryName(session.country)}` : ip;
}

/** "Chrome on Linux" from a user agent string; good enough to tell devices apart. */
export function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : null;
  const system = /Windows/.test(agent) ? 'Windows' : /Mac OS X/.test(agent) ? 'macOS' : /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Linux/.test(agent) ? 'Linux' : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 60);
}
