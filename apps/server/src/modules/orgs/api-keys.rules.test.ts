import { describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/crypto.ts';
import { generateApiKey } from './api-keys.rules.ts';

describe('generateApiKey', () => {
  it('makes an adl_ secret whose hash and prefix are what gets stored', () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^adl_[\w-]{43}$/);
    expect(key.keyHash).toBe(hashToken(key.secret));
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key.keyHash).not.toContain(key.secret);
  });

  it('never repeats', () => {
    expect(generateApiKey().secret).not.toBe(generateApiKey().secret);
  });
});
