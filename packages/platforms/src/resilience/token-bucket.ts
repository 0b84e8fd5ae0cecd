export { TokenBucket } from '@adloop/resilience';
