import { describe, expect, it } from 'vitest';
import { formatComment, formatEvent, formatRetry } from './sse.ts';

describe('event-stream framing', () => {
  it('writes an event as type, one line of JSON data and an id, ended by a blank line', () => {
    expect(formatEvent(7, { type: 'sync', adAccountId: 'a1', state: 'running' })).toBe(
      'event: sync\ndata: {"type":"sync","adAccountId":"a1","state":"running"}\nid: 7\n\n',
    );
  });

  it('keeps the data on one line even when values hold newlines', () => {
    const text = formatEvent(1, { type: 'change', changeId: 'c\n1', campaignId: 'x\r\ny', status: 'applied' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]?.startsWith('data: ')).toBe(true);
    expect(JSON.parse(lines[1]!.slice(6))).toMatchObject({ changeId: 'c\n1' });
  });

  it('writes comments on one line, and the retry field', () => {
    expect(formatComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(formatComment('a\nb')).toBe(': a b\n\n');
    expect(formatRetry(3000)).toBe('retry: 3000\n\n');
  });
});
