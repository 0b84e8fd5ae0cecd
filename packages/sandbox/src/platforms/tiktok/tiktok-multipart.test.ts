import { describe, expect, it } from 'vitest';
import { isFilePart, parseMultipart } from './tiktok-multipart.ts';

const CRLF = '\r\n';
function body(boundary: string, parts: Array<{ name: string; fileName?: string; content: Buffer | string }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}${CRLF}${disposition}${CRLF}${part.fileName !== undefined ? `Content-Type: application/octet-stream${CRLF}` : ''}${CRLF}`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

describe('multipart/form-data bodies of TikTok uploads', () => {
  it('keeps a file’s bytes exactly, CR LF and bytes that are not UTF-8 included, beside the text fields', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0xff, 0x00, 0x2d, 0x2d, 0xfe]);
    const parsed = parseMultipart('multipart/form-data; boundary=----b1', body('----b1', [{ name: 'advertiser_id', content: '7001' }, { name: 'image_file', fileName: 'a.png', content: bytes }]));
    expect(parsed?.advertiser_id).toBe('7001');
    const file = parsed?.image_file;
    expect(isFilePart(file) && file.fileName).toBe('a.png');
    expect(isFilePart(file) && file.data.equals(bytes)).toBe(true);
  });

  it('reads a quoted boundary, and answers null without a boundary or with a truncated body', () => {
    expect(parseMultipart('multipart/form-data; boundary="x y"', body('x y', [{ name: 'upload_type', content: 'UPLOAD_BY_URL' }]))).toEqual({ upload_type: 'UPLOAD_BY_URL' });
    expect(parseMultipart('multipart/form-data', body('b', [{ name: 'a', content: '1' }]))).toBeNull();
    expect(parseMultipart('multipart/form-data; boundary=b', Buffer.from(`--b${CRLF}Content-Disposition: form-data; name="a"${CRLF}${CRLF}1`))).toBeNull();
  });
});
