/**
 * The change pipeline: the one road every actor's change to an ad platform travels. Rules and the AI
 * call `submitChanges` with their own actor; people come through the HTTP routes into the same function.
 */
export { actorOf, isAutomated, type ChangeActor } from './actor.ts';
export { openChangeBatch, submitChangeBatch, submitChanges, type ChangeBatch, type ChangeIntent, type ChangeSubmission, type SubmissionOutcome, type SubmitOptions } from './submit.ts';
/** An ad group / ad for a `ChangeIntent.entity` (rules and the AI change objects below the campaign with it). */
export { findEntity, findEntityRows, type EntityTarget } from './entity-targets.ts';
export { changesModule } from './changes.module.ts';
export { recordOutsideChanges } from './outside-changes.ts';
export { applyChange, CampaignBusy } from './apply/apply-change.ts';
export { loadChangeSettings, type ChangeSettingsValue } from './settings.ts';
