export * from './types.ts';
export { createPlatformRegistry, type PlatformRegistry } from './registry.ts';
export { createGoogleAdsAdapter, GOOGLE_ADS_CAPABILITIES, type GoogleAdsConfig } from './google-ads/google-ads.adapter.ts';
export { classifyGoogleError } from './google-ads/google-ads.http.ts';
export { withRetry, fullJitterDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './resilience/backoff.ts';
export { CircuitBreaker, BreakerRegistry, type BreakerState } from './resilience/circuit-breaker.ts';
export { TokenBucket } from './resilience/token-bucket.ts';
export { createTikTokAdapter, TIKTOK_CAPABILITIES, type TikTokConfig } from './tiktok/tiktok.adapter.ts';
export { classifyTikTokError } from './tiktok/tiktok.http.ts';
