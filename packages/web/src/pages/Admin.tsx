import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AdminUser, api, type Page as ApiPage, type OutboxMail, ProblemError, qs } from '../api.ts';
import { ErrorBox, Field, Page, Pager, pageParam, QueryItems } from '../components/ui.tsx';
import { formatDateTime } from '../format.ts';

const PAGE_SIZE = 25;

/** A search box that writes ?q= (and resets the page). */
export function SearchForm({ id, label, initial, onSearch }: { id: string; label: string; initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  return (
    <search className="search-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(q.trim());
        }}
      >
      <label htmlFor={id}>{label}</label>
      <div className="search-row">
        <input id={id} type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} autoComplete="off" />
        <button type="submit" className="btn btn-primary">
          {t('common.search')}
        </button>
      </div>
      </form>
    </search>
  );
}

function AccountDialog({ user, onClose, onDone }: { user: AdminUser; onClose: () => void; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const disabling = user.active;
  const m = useMutation({
    mutationFn: () => api<unknown>(`/api/v1/admin/users/${encodeURIComponent(user.id)}/${disabling ? 'disable' : 'enable'}`, { method: 'POST', body: { reason: reason.trim(), version: user.version } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['admin', 'users'] });
      onDone(t(disabling ? 'users.disabledDone' : 'users.enabledDone', { name: user.displayName }));
    },
    onError: (e) => {
      if (e instanceof ProblemError && e.code === 'STALE_VERSION') void qc.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  // Open as a modal once mounted. No close() in a cleanup: removing the element ends the modal, and a cleanup that
  // closes it would fire 'close' → onClose and unmount the dialog when React re-runs effects (StrictMode).
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setClientError(t('users.reasonRequired'));
      return;
    }
    setClientError(undefined);
    m.mutate();
  }
  const problem = m.error instanceof ProblemError ? m.error : null;
  const title = t(disabling ? 'users.disableTitle' : 'users.enableTitle', { name: user.displayName });
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="account-dialog-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="account-dialog-title">{title}</h2>
        {m.error && !problem?.fieldMessage('reason') ? <ErrorBox error={m.error} /> : null}
        <Field id="account-reason" label={t('users.reason')} hint={t('users.reasonHint')} error={clientError ?? problem?.fieldMessage('reason')}>
          {(p) => <textarea {...p} name="reason" rows={3} maxLength={500} required value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className={disabling ? 'btn btn-danger' : 'btn btn-primary'} disabled={m.isPending}>
            {t(disabling ? 'users.disable' : 'users.enable')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const search = params.get('q') ?? '';
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [note, setNote] = useState('');
  const returnFocus = useRef<HTMLElement | null>(null);
  const q = useQuery({
    queryKey: ['admin', 'users', search, page],
    queryFn: ({ signal }) => api<ApiPage<AdminUser>>(`/api/v1/admin/users${qs({ q: search, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  function close() {
    setEditing(null);
    returnFocus.current?.focus();
  }
  return (
    <Page title={t('users.title')} intro={t('users.intro')}>
      <SearchForm id="users-q" label={t('users.searchLabel')} initial={search} onSearch={(v) => setParams(v ? { q: v } : {})} />
      <p role="status" className={note ? 'alert alert-success' : 'visually-hidden'}>
        {note}
      </p>
      <QueryItems q={q} empty={t('users.empty')} unavailable={t('users.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.cols.name')}</th>
                  <th scope="col">{t('users.cols.loginId')}</th>
                  <th scope="col">{t('users.cols.email')}</th>
                  <th scope="col">{t('users.cols.roles')}</th>
                  <th scope="col">{t('users.cols.status')}</th>
                  <th scope="col">{t('users.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((u) => (
                  <tr key={u.id}>
                    <td data-label={t('users.cols.name')}>{u.displayName}</td>
                    <td data-label={t('users.cols.loginId')} className="break">
                      {u.loginId}
                    </td>
                    <td data-label={t('users.cols.email')} className="break">
                      {u.email ?? '—'}
                    </td>
                    <td data-label={t('users.cols.roles')}>{[...new Set(u.roles.map((r) => r.role))].map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ') || '—'}</td>
                    <td data-label={t('users.cols.status')}>
                      <span className={u.active ? 'tag tag-ok' : 'tag tag-off'}>{u.active ? t('users.active') : t('users.inactive')}</span>
                    </td>
                    <td data-label={t('users.cols.actions')}>
                      {u.abilities && !u.abilities.includes('user.disable') ? (
                        '—'
                      ) : (
                      <button
                        type="button"
                        className={u.active ? 'btn btn-secondary' : 'btn btn-primary'}
                        onClick={(e) => {
                          returnFocus.current = e.currentTarget;
                          setNote('');
                          setEditing(u);
                        }}
                      >
                        {u.active ? t('users.disable') : t('users.enable')}
                        <span className="visually-hidden">: {u.displayName}</span>
                      </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ ...(search ? { q: search } : {}), page: String(p) })} />
          </>
        )}
      </QueryItems>
      {editing ? (
        <AccountDialog
          user={editing}
          onClose={close}
          onDone={(msg) => {
            setNote(msg);
            close();
          }}
        />
      ) : null}
    </Page>
  );
}

export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const q = useQuery({
    queryKey: ['outbox', page],
    queryFn: ({ signal }) => api<ApiPage<OutboxMail>>(`/api/v1/outbox${qs({ page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  return (
    <Page title={t('outbox.title')} intro={t('outbox.intro')}>
      <QueryItems q={q} empty={t('outbox.empty')} unavailable={t('outbox.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('outbox.cols.to')}</th>
                  <th scope="col">{t('outbox.cols.subject')}</th>
                  <th scope="col">{t('outbox.cols.createdAt')}</th>
                  <th scope="col">{t('outbox.cols.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.id}>
                    <td data-label={t('outbox.cols.to')} className="break">
                      {m.to}
                    </td>
                    <td data-label={t('outbox.cols.subject')}>
                      <details>
                        <summary>{m.subject}</summary>
                        <pre className="mail-body">{m.body}</pre>
                      </details>
                    </td>
                    <td data-label={t('outbox.cols.createdAt')}>{formatDateTime(m.createdAt, i18n.language)}</td>
                    <td data-label={t('outbox.cols.status')}>
                      {m.sentAt ? (
                        <span className="tag tag-ok">{t('outbox.sent', { date: formatDateTime(m.sentAt, i18n.language) })}</span>
                      ) : m.lastError ? (
                        <span className="tag tag-off">{t('outbox.failed', { error: m.lastError })}</span>
                      ) : (
                        <span className="tag">{t('outbox.pending')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ page: String(p) })} />
          </>
        )}
      </QueryItems>
    </Page>
  );
}
