import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Page as ApiPage, qs } from '../../api.ts';
import { ErrorBox, Loading, Page, Pager, pageParam, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole, useMe } from '../../session.ts';
import { AddOrderForm, AttachRuleVersionForm } from './OrderAdmin.tsx';
import { Highlighted } from './parts.tsx';
import type { OrderDoc, OrderHit } from './types.ts';

const PAGE_SIZE = 10;

function OrderSearch({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(initial);
  return (
    <search className="search-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(q.trim());
        }}
      >
        <label htmlFor={`${id}-q`}>{t('orders.searchLabel')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('orders.searchHint')}
        </p>
        <div className="search-row">
          <input id={`${id}-q`} type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} autoComplete="off" aria-describedby={`${id}-hint`} />
          <button type="submit" className="btn btn-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
    </search>
  );
}

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const search = params.get('q') ?? '';
  const me = useMe();
  const q = useQuery({
    queryKey: ['orders', 'search', search, page],
    queryFn: ({ signal }) => api<ApiPage<OrderHit>>(`/api/v1/orders${qs({ q: search, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  return (
    <Page title={t('orders.title')} intro={t('orders.intro')}>
      {hasAnyRole(me.data, ['ADMIN']) ? <AddOrderForm /> : null}
      <OrderSearch key={search} initial={search} onSearch={(s) => setParams(s ? { q: s } : {})} />
      {q.data ? (
        <>
          {/* while another search runs, the hits of the last one stay on screen but are not counted as this one's */}
          <p role="status" className="toolbar-status">
            {search && !q.isPlaceholderData ? t('orders.results', { count: q.data.total }) : null}
            {search && !q.isPlaceholderData && q.data.total > 0 ? <span className="visually-hidden"> {t('orders.highlightNote')}</span> : null}
          </p>
          {q.data.items.length === 0 ? (
            <p className="empty">{t('orders.noResults')}</p>
          ) : (
            <ol className="message-list order-hits" aria-busy={q.isPlaceholderData}>
              {q.data.items.map((o) => (
                <li key={o.code} className="message">
                  <h2 className="message-title">
                    <Link to={`/orders/${encodeURIComponent(o.code)}`}>
                      <Highlighted text={o.subjectHighlighted ?? o.subject} />
                    </Link>
                  </h2>
                  <p className="small muted">
                    {o.number} · {o.date ? formatDate(o.date, i18n.language) : t('orders.undated')} · {o.department}
                  </p>
                  {o.snippet ? (
                    <p className="message-body">
                      <Highlighted text={o.snippet} />
                    </p>
                  ) : null}
                  {!o.fullText ? <p className="small muted">{t('orders.citingOnly')}</p> : null}
                </li>
              ))}
            </ol>
          )}
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => setParams({ ...(search ? { q: search } : {}), page: String(p) })} />
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('orders.unavailable')} />
      )}
    </Page>
  );
}

export function OrderPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const q = useQuery({
    queryKey: ['orders', 'one', code],
    queryFn: ({ signal }) => api<OrderDoc>(`/api/v1/orders/${encodeURIComponent(code)}`, { signal }),
    retry: false,
  });
  const o = q.data;
  return (
    <Page title={o ? o.subject : t('orders.title')}>
      <p>
        <Link to="/orders">{t('orders.back')}</Link>
      </p>
      {o ? (
        <>
          <dl className="summary">
            <div className="summary-row">
              <dt>{t('orders.number')}</dt>
              <dd>{o.number}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('orders.date')}</dt>
              <dd>{o.date ? formatDate(o.date, i18n.language) : t('orders.undated')}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('orders.department')}</dt>
              <dd>{o.department}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('orders.kind')}</dt>
              <dd>{t(`orders.kinds.${o.kind}`, { defaultValue: o.kind })}</dd>
            </div>
            {o.aliases.length ? (
              <div className="summary-row">
                <dt>{t('orders.aliases')}</dt>
                <dd>{[o.code, ...o.aliases].join(', ')}</dd>
              </div>
            ) : null}
            {o.note ? (
              <div className="summary-row">
                <dt>{t('orders.note')}</dt>
                <dd>{o.note}</dd>
              </div>
            ) : null}
          </dl>
          {!o.fullText ? (
            <div className="alert alert-info" role="note">
              <p>{t('orders.citingOnly')}</p>
            </div>
          ) : null}
          <h2>{t('orders.text')}</h2>
          <div className="card order-text" lang="en">
            {o.text.split(/\n{2,}/).map((para, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
              <p key={i} style={{ whiteSpace: 'pre-line' }}>
                {para}
              </p>
            ))}
          </div>
          <h2>{t('orders.ruleVersions')}</h2>
          {o.ruleVersions.length === 0 ? (
            <p className="empty">{t('orders.noRuleVersions')}</p>
          ) : (
            <table className="data-table rules-table">
              <thead>
                <tr>
                  <th scope="col">{t('orders.ruleKey')}</th>
                  <th scope="col">{t('orders.effectiveFrom')}</th>
                  <th scope="col">{t('orders.para')}</th>
                  <th scope="col">{t('orders.parameters')}</th>
                </tr>
              </thead>
              <tbody>
                {o.ruleVersions.map((v) => (
                  <tr key={v.id}>
                    <td data-label={t('orders.ruleKey')}>
                      <code>{v.ruleKey}</code>
                    </td>
                    <td data-label={t('orders.effectiveFrom')}>{formatDate(v.effectiveFrom, i18n.language)}</td>
                    <td data-label={t('orders.para')}>{v.para ?? '—'}</td>
                    <td data-label={t('orders.parameters')}>
                      <code className="break">{JSON.stringify(v.parameters)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {o.abilities?.includes('orders.write') ? <AttachRuleVersionForm code={o.code} /> : null}
        </>
      ) : (
        q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : <Loading />
      )}
    </Page>
  );
}
