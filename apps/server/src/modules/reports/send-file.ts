import type { FastifyReply } from 'fastify';

/**
 * Sends bytes as they are (a PDF, an image). The route's typed reply knows only its JSON schemas;
 * Fastify itself sends a Buffer untouched, so the reply is used through its untyped interface here.
 */
export function sendBytes(reply: FastifyReply, contentType: string, bytes: Buffer | string, headers: Record<string, string> = {}): FastifyReply {
  const untyped: FastifyReply = reply;
  for (const [name, value] of Object.entries(headers)) untyped.header(name, value);
  return untyped.header('content-type', contentType).send(bytes);
}
