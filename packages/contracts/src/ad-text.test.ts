import { describe, expect, it } from 'vitest';
import { adTextLength } from './ad-text.ts';

describe('adTextLength', () => {
  it('counts double-width characters twice where the platform does', () => {
    expect(adTextLength('日本茶', true)).toBe(6);
    expect(adTextLength('日本茶', false)).toBe(3);
    expect(adTextLength('Tee 🍵', true)).toBe(5);
    expect(adTextLength('ＡＢ', true)).toBe(4);
    expect(adTextLength('', true)).toBe(0);
  });
});
