import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, type Me, onUnauthenticated, ProblemError, type Role, setCsrfToken } from './api.ts';

export const ME_KEY = ['me'] as const;

/** Who is logged in: `null` when logged out (GET /api/v1/me answers 401). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        const me = await api<Me>('/api/v1/me', { signal, quiet401: true });
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (e instanceof ProblemError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
    retry: (n, e) => !(e instanceof ProblemError) && n < 2,
  });
}

let sessionEnded = false;
/** The idle timer ran out: the login page says the session ended. */
export function markSessionEnded(): void {
  sessionEnded = true;
}

/** True once, after an API call found the session gone: the login page says so. */
export function takeSessionEnded(): boolean {
  const v = sessionEnded;
  sessionEnded = false;
  return v;
}

/** Any 401 from the API means the session ended (idle timeout, logout elsewhere, account disabled): show the login page. */
export function useSessionWatch(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      onUnauthenticated(() => {
        sessionEnded = true;
        setCsrfToken(null);
        qc.setQueryData(ME_KEY, null);
      }),
    [qc],
  );
}

export function rolesOf(me: Me | null | undefined): Set<Role> {
  return new Set((me?.grants ?? []).map((g) => g.role));
}

export function hasAnyRole(me: Me | null | undefined, roles: readonly Role[]): boolean {
  const mine = rolesOf(me);
  return roles.some((r) => mine.has(r));
}
