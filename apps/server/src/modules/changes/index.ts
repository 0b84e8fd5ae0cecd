/** The change pipeline: the one road every actor's change to an ad platform travels. */
export { actorOf, isAutomated, type ChangeActor } from './actor.ts';
export { registerChangeJobs, scheduleChangeJobs } from './changes.register.ts';
export { recordOutsideChanges } from './outside-changes.ts';
export { applyChange, CampaignBusy } from './apply/apply-change.ts';
