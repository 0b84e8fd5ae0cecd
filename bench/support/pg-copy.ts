/**
 * `COPY ... FROM STDIN` over node-postgres without an extra dependency: a `pg.Query` that, when
 * the server answers CopyInResponse, sends the chunks as CopyData (waiting for the socket to drain)
 * and then CopyDone. This is what pg-copy-streams does, through the same hooks of pg's client.
 */
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import pg from 'pg';

interface CopyConnection {
  stream: Duplex;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyFromQuery extends pg.Query {
  constructor(
    text: string,
    private readonly chunks: Iterable<Buffer>,
    callback: (error: Error | undefined, result: { rowCount: number | null }) => void,
  ) {
    super(text, callback);
  }

  /** Called by pg's client when the server is ready to receive the data. */
  handleCopyInResponse(connection: CopyConnection): void {
    void (async () => {
      try {
        for (const chunk of this.chunks) {
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (error) {
        connection.sendCopyFail(error instanceof Error ? error.message : String(error));
      }
    })();
  }
}

/** Runs `COPY <table> (...) FROM STDIN` (text format) on `client`, streaming `chunks`; resolves to the rows copied. */
export function copyFrom(client: pg.Client, copySql: string, chunks: Iterable<Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(
      new CopyFromQuery(copySql, chunks, (error, result) => {
        if (error) reject(error);
        else resolve(result.rowCount ?? 0);
      }),
    );
  });
}
