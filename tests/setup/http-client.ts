/** A small cookie-keeping HTTP client for integration tests; it behaves like the web app (sends the CSRF header). */
export interface TestResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  /** A client that authenticates with an API key instead of cookies. */
  static withApiKey(baseUrl: string, key: string): TestClient {
    return new TestClient(baseUrl, { authorization: `Bearer ${key}` });
  }

  /** The headers that authenticate this client (API key or session cookie), for requests made without it. */
  authHeaders(): Record<string, string> {
    const all: Record<string, string> = { ...this.defaultHeaders };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return all;
  }

  async request<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const all: Record<string, string> = { ...this.defaultHeaders, ...headers };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('adloop_csrf');
    if (csrf && !('x-csrf-token' in all)) all['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      all['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers: all, body: payload, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if (response.headers.get('content-type')?.includes('text/event-stream')) {
      // An event stream never ends: answer with its status and headers, and hang up (tests/setup/sse.ts reads streams).
      await response.body?.cancel();
      return { status: response.status, headers: response.headers, body: '' as T, text: '' };
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('PATCH', path, body ?? {}, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('PUT', path, body ?? {}, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('DELETE', path, undefined, headers);
  }
}
