import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { blockedAddressReason, checkLandingUrl, type Connector, type Resolver } from '../../platform/net/index.ts';
import { readCapped } from '../../platform/net/read-body.ts';
import { sandboxResolver, systemResolver } from '../../platform/net/resolver.ts';
import { directConnector, sandboxConnector } from '../../platform/net/transport.ts';
import type { AuditSource } from '../audit/audit.writer.ts';
import { recordAudit } from '../audit/audit.writer.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { requireDefinition } from './reports.service.ts';
import * as repo from './reports.repository.ts';

export const MAX_LOGO_BYTES = 1024 * 1024;

/** PNG or JPEG by their first bytes (what the file is, not what it claims). */
export function imageTypeOf(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Fetches a logo from a public https address once: the name must resolve to public addresses only
 * and the connection goes to the address checked; no redirects; 10 s; at most 1 MB; PNG or JPEG.
 */
export async function fetchLogo(ctx: Pick<AppContext, 'sandboxUrls'>, input: string, deps: { resolver?: Resolver; connector?: Connector } = {}): Promise<Buffer> {
  const verdict = checkLandingUrl(input);
  if (!verdict.ok) throw fieldError('url', verdict.message.replace(/landing page/g, 'logo'));
  const web = ctx.sandboxUrls?.web;
  const resolver = deps.resolver ?? (web ? sandboxResolver(web) : systemResolver);
  const connector = deps.connector ?? (web ? sandboxConnector(web) : directConnector());
  const signal = AbortSignal.timeout(10_000);
  try {
    const addresses = verdict.isIpLiteral ? [{ address: verdict.hostname, family: verdict.hostname.includes(':') ? (6 as const) : (4 as const) }] : await resolver(verdict.hostname, signal);
    if (addresses.length === 0) throw fieldError('url', `${verdict.hostname} was not found`);
    for (const a of addresses) {
      const why = blockedAddressReason(a.address);
      if (why) throw fieldError('url', `${verdict.hostname} resolves to ${a.address}, which is ${why}: only public sites can be fetched`);
    }
    const res = await connector({ url: verdict.url, address: addresses[0]!, headers: { accept: 'image/png,image/jpeg', 'user-agent': 'AdloopReportLogo/1.0' }, signal });
    if ((res.statusCode ?? 0) !== 200) {
      res.destroy();
      throw fieldError('url', `the address answered ${res.statusCode ?? 'nothing'}; give the image's own address`);
    }
    const { bytes, truncated } = await readCapped(res, MAX_LOGO_BYTES + 1);
    if (truncated || bytes.length > MAX_LOGO_BYTES) throw fieldError('url', 'the image is larger than 1 MB');
    return bytes;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fieldError('url', 'the logo could not be fetched from this address');
  }
}

/** Sets (or, with null, removes) a report's logo from an upload or a public address. */
export async function setLogo(ctx: AppContext, access: OrgAccess, source: AuditSource, reportId: string, body: { contentType: string; dataBase64: string } | { url: string } | null): Promise<void> {
  await requireDefinition(ctx, access, reportId);
  let bytes: Buffer | null = null;
  if (body && 'url' in body) bytes = await fetchLogo(ctx, body.url);
  else if (body) {
    bytes = Buffer.from(body.dataBase64, 'base64');
    if (bytes.length > MAX_LOGO_BYTES) throw fieldError('dataBase64', 'the image is larger than 1 MB');
  }
  const type = bytes ? imageTypeOf(bytes) : null;
  if (bytes && !type) throw fieldError(body && 'url' in body ? 'url' : 'dataBase64', 'is not a PNG or JPEG image');
  await ctx.db.transaction(async (tx) => {
    await repo.updateDefinition(tx, access.orgId, reportId, { logo: bytes, logoType: type, updatedAt: ctx.clock.now() });
    await recordAudit(tx, source, { orgId: access.orgId, action: bytes ? 'report.logo_set' : 'report.logo_removed', targetType: 'report', targetId: reportId });
  });
}
