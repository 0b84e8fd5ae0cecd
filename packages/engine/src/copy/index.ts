/** Ad copy: the deterministic validator, its repairs and the template fallback, for every platform. */
export { validateCopy, hasBlock } from './validate.ts';
export { repairCopy } from './repair.ts';
export { templateCopy, templateCallToAction, EMPTY_COPY } from './template.ts';
export { checkText } from './check-text.ts';
export { COPY_POLICIES, type CopyPolicy, type Severity } from './policy.ts';
export { similarity, levenshtein, wordOverlap, NEAR_DUPLICATE } from './similarity.ts';
export { fitLength } from './fit-length.ts';
export type { CopyContext } from './types.ts';
