import { runLlmConformance } from './conformance.ts';
import { sandboxHarness } from './sandbox-harness.ts';

runLlmConformance('Anthropic', () => sandboxHarness('anthropic'));
