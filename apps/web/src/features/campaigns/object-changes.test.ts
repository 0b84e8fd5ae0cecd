import { describe, expect, it } from 'vitest';
import { endConfirmation, endKinds } from './end-confirmation.ts';
import { nameProblem, NO_OFFER, readChangeOffer, strategyWords } from './object-offer.ts';
import { parseTargetRoas, renameChange, roasWords } from './object-requests.ts';

const removalOnly = { archive: false, archiveUndoable: false, remove: true, removalUndoable: false, removalWord: 'removed' };
const metaLike = { archive: true, archiveUndoable: false, remove: true, removalUndoable: false, removalWord: 'deleted' };

describe('what the end-of-campaign confirmation says', () => {
  it('says plainly before confirming that a removal without a way back is permanent, in the platform’s word', () => {
    const google = endConfirmation('remove', removalOnly, 'Google Ads', 'Spring sale');
    expect(google.isPermanent).toBe(true);
    expect(google.title).toBe('Remove “Spring sale”?');
    expect(google.body[0]).toBe('This cannot be undone: a campaign removed on Google Ads can never be brought back, by Adloop or on Google Ads.');
    expect(google.confirmLabel).toBe('Remove for good');
    const tiktok = endConfirmation('remove', { ...removalOnly, removalWord: 'deleted' }, 'TikTok', 'Launch');
    expect(tiktok.title).toBe('Delete “Launch”?');
    expect(tiktok.body[0]).toContain('deleted on TikTok can never be brought back');
    expect(tiktok.confirmLabel).toBe('Delete for good');
  });

  it('says what an archive means and whether it can be taken back', () => {
    const archive = endConfirmation('archive', metaLike, 'Meta', 'Always on');
    expect(archive.isPermanent).toBe(true);
    expect(archive.body[0]).toBe('This cannot be undone: on Meta an archived campaign can never be enabled or paused again.');
    expect(archive.body[1]).toContain('numbers and history stay');
    const undoable = endConfirmation('archive', { ...metaLike, archiveUndoable: true }, 'Meta', 'Always on');
    expect(undoable.isPermanent).toBe(false);
    expect(undoable.body[0]).toBe('You can enable or pause it again later on Meta.');
  });

  it('does not call a removal the platform can take back permanent', () => {
    const soft = endConfirmation('remove', { ...removalOnly, removalUndoable: true }, 'Example', 'X');
    expect(soft.isPermanent).toBe(false);
    expect(soft.body[0]).not.toContain('cannot be undone');
    expect(soft.confirmLabel).toBe('Remove campaign');
  });

  it('offers only the ends the platform has', () => {
    expect(endKinds(null)).toEqual([]);
    expect(endKinds(removalOnly)).toEqual(['remove']);
    expect(endKinds(metaLike)).toEqual(['archive', 'remove']);
  });
});

describe('the server’s offer', () => {
  it('offers nothing new when the server sends no change options', () => {
    expect(readChangeOffer({ campaign: {} })).toEqual(NO_OFFER);
    expect(readChangeOffer(null)).toEqual(NO_OFFER);
  });

  it('reads the offer defensively: unknown levels and values are dropped, a bad name limit falls back', () => {
    const offer = readChangeOffer({
      changeOptions: {
        renameLevels: ['campaign', 'keyword', 'ad_group'],
        nameMaxLength: -3,
        end: { archive: false, removalUndoable: false, removalWord: 'deleted' },
        duplicate: true,
        bidding: { strategy: 'TARGET_ROAS', value: 'target_roas' },
        adGroupBudgets: true,
        adGroupBid: 'bid_amount',
        statusLevels: ['campaign', 'ad_group', 'ad'],
      },
    });
    expect(offer.renameLevels).toEqual(['campaign', 'ad_group']);
    expect(offer.nameMaxLength).toBe(255);
    expect(offer.end).toEqual({ archive: false, archiveUndoable: false, remove: true, removalUndoable: false, removalWord: 'deleted' });
    expect(offer.bidding).toEqual({ strategy: 'TARGET_ROAS', label: 'Target ROAS', value: 'target_roas' });
    expect(offer.statusLevels).toEqual(['campaign', 'ad_group', 'ad']);
  });

  it('puts strategy words into plain words', () => {
    expect(strategyWords('TARGET_CPA')).toBe('Target CPA');
    expect(strategyWords('LOWEST_COST_WITH_BID_CAP')).toBe('Lowest cost with bid cap');
    expect(strategyWords('COST_CAP')).toBe('Cost cap');
  });
});

describe('names and targets typed by a person', () => {
  it('checks a new name against the platform’s limit in characters as seen', () => {
    expect(nameProblem('  ', 'Old', 10)).toBe('Enter a name.');
    expect(nameProblem('Old ', 'Old', 10)).toBe('The name is the same as now.');
    expect(nameProblem('x'.repeat(11), 'Old', 10)).toBe('The name is 11 characters; the platform takes at most 10.');
    expect(nameProblem('😀'.repeat(10), 'Old', 10)).toBeNull();
  });

  it('sends the trimmed name with the name the person saw', () => {
    expect(renameChange('campaign', { id: 'c1', status: 'active', name: 'Old' }, '  New  ')).toEqual({
      target: { level: 'campaign', id: 'c1' },
      action: 'rename',
      name: 'New',
      expected: { name: 'Old' },
    });
  });

  it('reads a target ROAS as a ratio or a percentage', () => {
    expect(parseTargetRoas('3.5')).toEqual({ ok: true, value: 3.5 });
    expect(parseTargetRoas('350 %')).toEqual({ ok: true, value: 3.5 });
    expect(parseTargetRoas('2,25')).toEqual({ ok: true, value: 2.25 });
    expect(parseTargetRoas('0')).toMatchObject({ ok: false });
    expect(parseTargetRoas('abc')).toMatchObject({ ok: false });
    expect(roasWords(3.5)).toBe('3.5 (350 %)');
  });
});
