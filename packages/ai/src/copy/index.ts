/** Ad copy from a language model: the fenced prompt, the structured output per platform, and the call with one retry. */
export { buildCopyPrompt, escapeFenced, fence, LANDING_TEXT_LIMIT, systemMessage } from './copy-prompt.ts';
export { copyOutputName, copyOutputSchema, maxCopyOutputTokens, toAdCopy, type CopyOutput } from './copy-schemas.ts';
export { copyCallPlan, CopyOutputError, generateCopy, type CopyCall, type GenerateCopyInput, type GeneratedCopy } from './generate-copy.ts';
