import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { meQuery } from '../../lib/queries.ts';
import { forgetReturnTo, isSafePath, takeReturnTo } from '../../lib/return-to.ts';

/** After a sign-in: load who is signed in, then go where the person was heading (or home). */
export function useFinishSignIn() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async (redirect?: string) => {
    await queryClient.resetQueries();
    await queryClient.fetchQuery(meQuery);
    const stored = takeReturnTo();
    const target = isSafePath(redirect) ? redirect : (stored ?? '/');
    forgetReturnTo();
    router.history.push(target);
  };
}
