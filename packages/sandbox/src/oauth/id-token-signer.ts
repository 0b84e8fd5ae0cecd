import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Identity } from './oauth-store.ts';

/** The RS256 key an identity provider signs id_tokens with, and its public JWKS. */
export interface IdTokenSigner {
  jwks(): Promise<{ keys: JWK[] }>;
  sign(input: { issuer: string; audience: string; identity: Identity; nonce: string | null; lifetimeSeconds: number }): Promise<string>;
}

/** Generates its key pair on first use; a restarted sandbox signs with a new key (id_tokens live an hour). */
export function createIdTokenSigner(): IdTokenSigner {
  let key: Promise<{ privateKey: CryptoKey; publicJwk: JWK }> | null = null;
  const load = () => (key ??= (async () => {
    const pair = await generateKeyPair('RS256');
    const jwk = await exportJWK(pair.publicKey);
    return { privateKey: pair.privateKey, publicJwk: { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' } };
  })());
  return {
    async jwks() {
      return { keys: [(await load()).publicJwk] };
    },
    async sign({ issuer, audience, identity, nonce, lifetimeSeconds }) {
      const { privateKey, publicJwk } = await load();
      // Wall-clock time, not the simulated clock: clients check iat/exp against their own clocks.
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        azp: audience, email: identity.email, email_verified: identity.emailVerified, name: identity.name,
        ...(nonce ? { nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? '', typ: 'JWT' })
        .setIssuer(issuer).setAudience(audience).setSubject(identity.sub)
        .setIssuedAt(now).setExpirationTime(now + lifetimeSeconds)
        .sign(privateKey);
    },
  };
}
