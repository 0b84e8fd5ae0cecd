/** A file part of a multipart/form-data request. */
export interface FilePart {
  fileName: string;
  data: Buffer;
}

export const isFilePart = (value: unknown): value is FilePart =>
  typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(Reflect.get(value, 'data'));

/**
 * Reads a multipart/form-data body (TikTok's file/ upload endpoints take only that): text parts
 * become strings, file parts `FilePart`s. Null when the body is not well-formed multipart.
 */
export function parseMultipart(contentType: string, body: Buffer): Record<string, string | FilePart> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return null;
  const delimiter = Buffer.from(`--${mark}`);
  const out: Record<string, string | FilePart> = {};
  let start = body.indexOf(delimiter);
  if (start < 0) return null;
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') return out;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) return null;
    const part = body.subarray(partStart + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) out[name] = fileName !== undefined ? { fileName, data: Buffer.from(content) } : content.toString('utf8');
    start = next;
  }
  return out;
}
