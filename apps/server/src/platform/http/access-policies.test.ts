import { describe, expect, it } from 'vitest';
import { canReadApiDocs, canReadMetrics, isApiDocsPath } from './access-policies.ts';

const token = 'metrics-token-0123456789';

describe('who may read /metrics', () => {
  it('is closed in production without a configured token', () => {
    expect(canReadMetrics({ isProduction: true, metricsToken: undefined }, undefined)).toBe(false);
    expect(canReadMetrics({ isProduction: true, metricsToken: undefined }, 'Bearer anything')).toBe(false);
  });

  it('is open in sandbox mode without a token', () => {
    expect(canReadMetrics({ isProduction: false, metricsToken: undefined }, undefined)).toBe(true);
  });

  it('needs the exact Bearer token once one is set, in any mode', () => {
    for (const isProduction of [true, false]) {
      expect(canReadMetrics({ isProduction, metricsToken: token }, `Bearer ${token}`)).toBe(true);
      expect(canReadMetrics({ isProduction, metricsToken: token }, `Bearer ${token}x`)).toBe(false);
      expect(canReadMetrics({ isProduction, metricsToken: token }, token)).toBe(false);
      expect(canReadMetrics({ isProduction, metricsToken: token }, undefined)).toBe(false);
    }
  });
});

describe('who may read the API reference (/api/docs, /api/v1/openapi.json)', () => {
  it('covers Swagger UI, its assets and the OpenAPI document only', () => {
    expect(['/api/docs', '/api/docs/', '/api/docs/static/index.html', '/api/v1/openapi.json'].every(isApiDocsPath)).toBe(true);
    expect(['/api/docsx', '/api/v1/me', '/api/health'].some(isApiDocsPath)).toBe(false);
  });

  it('is open in sandbox mode and needs the token in production', () => {
    expect(canReadApiDocs({ isProduction: false, metricsToken: undefined }, undefined)).toBe(true);
    expect(canReadApiDocs({ isProduction: true, metricsToken: undefined }, 'Bearer anything')).toBe(false);
    expect(canReadApiDocs({ isProduction: true, metricsToken: token }, undefined)).toBe(false);
    expect(canReadApiDocs({ isProduction: true, metricsToken: token }, `Bearer ${token}`)).toBe(true);
  });
});
