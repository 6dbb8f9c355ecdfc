import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type NotificationPage, qs } from '../api.ts';
import { ErrorBox, Page, Pager, pageParam, QueryState } from '../components/ui.tsx';
import { formatDateTime } from '../format.ts';

const PAGE_SIZE = 20;

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const [note, setNote] = useState('');
  const q = useQuery({
    queryKey: ['notifications', 'list', page],
    queryFn: ({ signal }) => api<NotificationPage>(`/api/v1/notifications${qs({ page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const markOne = useMutation({
    mutationFn: (id: string) => api(`/api/v1/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: async () => {
      await refresh();
      setNote(t('inbox.allRead'));
    },
  });

  const data = q.data;
  return (
    <Page title={t('inbox.title')} intro={t('inbox.intro')}>
      {data ? (
        <>
          <div className="toolbar">
            <p className="toolbar-status">{t('inbox.unread', { count: data.unread })}</p>
            {data.unread > 0 ? (
              <button type="button" className="btn btn-secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
                {t('inbox.markAllRead')}
              </button>
            ) : null}
          </div>
          <p role="status" className="visually-hidden">
            {note}
          </p>
          {markAll.error ? <ErrorBox error={markAll.error} /> : null}
          {markOne.error ? <ErrorBox error={markOne.error} /> : null}
          {data.items.length === 0 ? (
            <p className="empty">{t('inbox.empty')}</p>
          ) : (
            <ul className="message-list">
              {data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'message' : 'message message-unread'}>
                  <div className="message-head">
                    <span className={n.readAt ? 'tag' : 'tag tag-new'}>{n.readAt ? t('inbox.read') : t('inbox.new')}</span>
                    <h2 className="message-title">{n.title}</h2>
                  </div>
                  <p className="message-body">{n.body}</p>
                  <p className="small muted">{t('inbox.received', { date: formatDateTime(n.createdAt, i18n.language) })}</p>
                  <div className="message-actions">
                    {n.link ? (
                      n.link.startsWith('/') && !n.link.startsWith('//') ? (
                        <Link to={n.link} className="btn btn-secondary" onClick={() => !n.readAt && markOne.mutate(n.id)}>
                          {t('inbox.open')}
                          <span className="visually-hidden">: {n.title}</span>
                        </Link>
                      ) : null
                    ) : null}
                    {!n.readAt ? (
                      <button type="button" className="btn btn-link" onClick={() => markOne.mutate(n.id)} disabled={markOne.isPending}>
                        {t('inbox.markRead')}
                        <span className="visually-hidden">: {n.title}</span>
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ page: String(p) })} />
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('inbox.unavailable')} />
      )}
    </Page>
  );
}
