import type { Handler, Route, SandboxRequest, SandboxResponse } from './http.types.ts';

export function route(method: string, pattern: RegExp, handler: Handler): Route {
  return { method, pattern, handler };
}

/**
 * Runs the first route whose method and pattern match the path; `fallback` answers otherwise
 * (`methodNotAllowed` is true when the path matched with another method).
 */
export async function dispatch(
  routes: readonly Route[], req: SandboxRequest, fallback: (methodNotAllowed: boolean) => SandboxResponse,
): Promise<SandboxResponse> {
  let pathMatched = false;
  for (const r of routes) {
    const match = r.pattern.exec(req.path);
    if (!match) continue;
    pathMatched = true;
    if (r.method !== req.method && !(r.method === 'GET' && req.method === 'HEAD')) continue;
    for (const [key, value] of Object.entries(match.groups ?? {})) if (value !== undefined) req.params[key] = value;
    return r.handler(req);
  }
  return fallback(pathMatched);
}
