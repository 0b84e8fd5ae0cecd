export { startLlmSandbox, type LlmSandboxUrls, type RunningLlmSandbox, type StartLlmSandboxOptions } from './llm-sandbox.ts';
export { DEFAULT_LLM_SETTINGS, SANDBOX_KEY_PREFIX, type LlmSandboxSettings, type LlmWireFormat } from './llm-settings.ts';
