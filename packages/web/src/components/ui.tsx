import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { NetworkError, ProblemError } from '../api.ts';

/** The history entry the document was loaded on: arriving there is not an in-app navigation. */
let initialKey: string | null = null;
let focusedPath: string | null = null;

/** A page: sets the document title, and moves focus to the heading after an in-app navigation (screen readers hear the new page). */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const h1 = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  if (initialKey === null) initialKey = location.key;
  useEffect(() => {
    const suffix = t('app.titleSuffix');
    document.title = title.includes(suffix) ? title : `${title} — ${suffix}`;
  }, [title, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the location, not the title
  useEffect(() => {
    // only a new page takes focus; a new ?page= or filter of the same page does not
    if (location.key !== initialKey && !location.hash && focusedPath !== location.pathname) h1.current?.focus();
    focusedPath = location.pathname;
  }, [location.key]);
  return (
    <>
      <h1 ref={h1} tabIndex={-1} className="page-title">
        {title}
      </h1>
      {intro ? <p className="lead">{intro}</p> : null}
      {children}
    </>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** The server's own words (already in the user's language) and a way forward; never a blank page. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  let detail: string;
  let ref: string | undefined;
  if (error instanceof ProblemError) {
    detail = error.detail || t('common.errorTitle');
    ref = error.requestId;
  } else if (error instanceof NetworkError) {
    detail = t('common.networkError');
  } else {
    detail = t('common.networkError');
  }
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('common.errorTitle')}</p>
      <p>{detail}</p>
      {ref ? <p className="muted small">{t('common.reference', { id: ref })}</p> : null}
      {onRetry ? (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A list endpoint that is not there yet answers 404: say plainly that the service is being set up. */
export function isNotBuilt(e: unknown): boolean {
  return e instanceof ProblemError && (e.status === 404 || e.status === 405 || e.status === 501);
}

export function BeingSetUp({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-info" role="status">
      <p>{children ?? t('common.beingSetUp')}</p>
    </div>
  );
}

export function QueryState({ error, isPending, refetch, unavailable }: { error: unknown; isPending: boolean; refetch: () => void; unavailable: string }) {
  if (isPending) return <Loading />;
  if (isNotBuilt(error)) return <BeingSetUp>{unavailable}</BeingSetUp>;
  if (error) return <ErrorBox error={error} onRetry={refetch} />;
  return null;
}

/**
 * A list query's states in one place: loading, error or "being set up" (QueryState); the empty message; or the list,
 * rendered by `children` from the loaded data.
 */
export function QueryItems<D extends { items: readonly unknown[] }>({ q, empty, unavailable, children }: {
  q: { data?: D; error: unknown; isPending: boolean; refetch: () => unknown };
  empty: string;
  unavailable: string;
  children: (data: D) => ReactNode;
}) {
  if (!q.data) return <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={unavailable} />;
  if (q.data.items.length === 0) return <p className="empty">{empty}</p>;
  return <>{children(q.data)}</>;
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">← </span>
        {t('pager.previous')}
      </button>
      <p className="pager-status" aria-live="polite">
        {t('pager.status', { page, pages })}
        <span className="muted"> · {t('pager.showing', { from, to, total })}</span>
      </p>
      <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** A form field with its label, hint and server/client error wired up with aria-describedby and aria-invalid. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errId} className="error-message">
          <span className="visually-hidden">{t('common.fieldError')} </span>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

export function NextStep({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="next-step">
      <p>
        <strong>{t('common.nextStep')}: </strong>
        {children}
      </p>
    </div>
  );
}

/** Page number from the URL (?page=), at least 1. */
export function pageParam(v: string | null): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
