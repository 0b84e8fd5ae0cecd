import { useEffect, useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** Posts an emailed link's token once when the page opens (tokens are single-use: never twice). */
export function useTokenAction(path: string, token: string | undefined) {
  const action = useMutation({ mutationFn: (value: string) => api.post<{ ok: true }>(path, { token: value }) });
  const sent = useRef(false);
  const { mutate } = action;
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);
  return action;
}
