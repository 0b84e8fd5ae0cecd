import { lookup } from 'node:dns/promises';
import { request } from 'node:http';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → its addresses; [] when the name does not exist. Rejects only when DNS itself fails. */
export type Resolver = (hostname: string, signal: AbortSignal) => Promise<ResolvedAddress[]>;

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

/** The operating system's resolver (every address of the name, in the order it gives them). */
export const systemResolver: Resolver = async (hostname) => {
  try {
    const answers = await lookup(hostname, { all: true, verbatim: true });
    return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NOT_FOUND.has(code)) return [];
    throw error;
  }
};

/** The landing-page sandbox's DNS (`GET <web>/dns?name=`), for sandbox mode: no real lookups. */
export function sandboxResolver(webUrl: string): Resolver {
  return (hostname, signal) => new Promise((resolve, reject) => {
    const target = new URL(`/dns?name=${encodeURIComponent(hostname)}`, webUrl);
    const req = request(target, { method: 'GET', agent: false, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode === 404) return resolve([]);
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { addresses?: ResolvedAddress[] };
          resolve((body.addresses ?? []).map((a) => ({ address: String(a.address), family: a.family === 6 ? 6 : 4 })));
        } catch (error) {
          reject(error instanceof Error ? error : new Error('unreadable sandbox DNS answer'));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
