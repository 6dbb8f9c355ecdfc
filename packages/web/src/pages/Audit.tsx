import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AuditRecord, type AuditVerify, api, type Page as ApiPage, ProblemError, qs } from '../api.ts';
import { ErrorBox, Field, isNotBuilt, Loading, Page, Pager, pageParam, QueryState } from '../components/ui.tsx';
import { displayValue, formatDateTime } from '../format.ts';

const PAGE_SIZE = 25;
const FILTERS = ['entity', 'entityId', 'actorUserId', 'action', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

function ChainStatus() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => api<AuditVerify>('/api/v1/audit/verify', { signal }),
    retry: false,
    staleTime: 60_000,
  });
  let body: ReactNode;
  if (q.isPending) body = <Loading label={t('audit.verifying')} />;
  else if (isNotBuilt(q.error)) body = <p>{t('common.beingSetUp')}</p>;
  else if (q.error) body = <ErrorBox error={q.error} />;
  else if (q.data.ok)
    body = (
      <p className="status-ok">
        <span aria-hidden="true">✔ </span>
        {t('audit.verifyOk', { checked: q.data.checked, seq: q.data.head?.seq ?? 0 })}
      </p>
    );
  else
    body = (
      <p className="status-bad" role="alert">
        <span aria-hidden="true">✖ </span>
        {t('audit.verifyBad', { seq: q.data.firstBad?.seq ?? '?', why: q.data.firstBad?.why ?? '' })}
      </p>
    );
  return (
    <section className="card chain-status" aria-labelledby="chain-title" aria-busy={q.isFetching}>
      <h2 id="chain-title">{t('audit.verifyTitle')}</h2>
      {body}
      {!q.isPending ? (
        <button type="button" className="btn btn-secondary" onClick={() => void q.refetch()} disabled={q.isFetching}>
          {t('audit.verifyAgain')}
        </button>
      ) : null}
    </section>
  );
}

function Changes({ changes }: { changes: unknown }) {
  const { i18n } = useTranslation();
  if (!changes || typeof changes !== 'object') return <>{displayValue(changes, i18n.language)}</>;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (!entries.length) return <>—</>;
  return (
    <ul className="changes">
      {entries.map(([k, v]) => {
        const ba = v && typeof v === 'object' && ('before' in v || 'after' in v) ? (v as { before?: unknown; after?: unknown }) : null;
        return (
          <li key={k}>
            <code>{k}</code>: {ba ? `${fmt(ba.before)} → ${fmt(ba.after)}` : fmt(v)}
          </li>
        );
      })}
    </ul>
  );
}

function fmt(v: unknown): string {
  if (v === undefined || v === null) return '∅';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>;
  const [form, setForm] = useState<Record<Filter, string>>(current);
  const [clientErrors, setClientErrors] = useState<Partial<Record<Filter, string>>>({});

  const q = useQuery({
    queryKey: ['audit', 'list', current, page],
    queryFn: ({ signal }) => api<ApiPage<AuditRecord>>(`/api/v1/audit${qs({ ...current, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const problem = q.error instanceof ProblemError && q.error.status === 400 ? q.error : null;
  const fieldError = (f: Filter) => clientErrors[f] ?? problem?.fieldMessage(f);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<Filter, string>> = {};
    if (form.from && form.to && form.from > form.to) errs.to = t('audit.dateOrder');
    setClientErrors(errs);
    if (Object.keys(errs).length) return;
    const next: Record<string, string> = {};
    for (const f of FILTERS) if (form[f].trim()) next[f] = form[f].trim();
    setParams(next);
  }
  function clear() {
    const empty = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>;
    setForm(empty);
    setClientErrors({});
    setParams({});
  }
  const input = (f: Filter, type: 'text' | 'date', hint?: string) => (
    <Field id={`audit-${f}`} label={t(`audit.${f}`)} hint={hint} error={fieldError(f)}>
      {(p) => <input {...p} name={f} type={type} value={form[f]} onChange={(e) => setForm({ ...form, [f]: e.target.value })} autoComplete="off" />}
    </Field>
  );

  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <ChainStatus />
      <form className="card filters" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('audit.filters')}</legend>
          <div className="filter-grid">
            {input('entity', 'text', t('audit.entityHint'))}
            {input('entityId', 'text')}
            {input('actorUserId', 'text')}
            {input('action', 'text', t('audit.actionHint'))}
            {input('from', 'date')}
            {input('to', 'date')}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t('audit.apply')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={clear}>
              {t('audit.clear')}
            </button>
          </div>
        </fieldset>
      </form>

      <section aria-labelledby="audit-results" aria-busy={q.isFetching}>
        <h2 id="audit-results">{t('audit.results')}</h2>
        {problem ? <ErrorBox error={problem} /> : null}
        {q.data && !problem ? (
          q.data.items.length === 0 ? (
            <p className="empty">{t('audit.empty')}</p>
          ) : (
            <>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.cols.seq')}</th>
                    <th scope="col">{t('audit.cols.at')}</th>
                    <th scope="col">{t('audit.cols.actor')}</th>
                    <th scope="col">{t('audit.cols.entity')}</th>
                    <th scope="col">{t('audit.cols.action')}</th>
                    <th scope="col">{t('audit.cols.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.items.map((r) => (
                    <tr key={r.seq}>
                      <td data-label={t('audit.cols.seq')}>{r.seq}</td>
                      <td data-label={t('audit.cols.at')}>{formatDateTime(r.at, i18n.language)}</td>
                      <td data-label={t('audit.cols.actor')}>
                        {r.actorName ?? (r.actorKind === 'system' || !r.actorUserId ? t('audit.system') : r.actorUserId)}
                        {r.actorRole ? <span className="muted small"> ({t(`roles.${r.actorRole}`, { defaultValue: r.actorRole })})</span> : null}
                      </td>
                      <td data-label={t('audit.cols.entity')}>
                        <code>{r.entity}</code> <span className="muted small id">{r.entityId}</span>
                      </td>
                      <td data-label={t('audit.cols.action')}>
                        <code>{r.action}</code>
                      </td>
                      <td data-label={t('audit.cols.changes')}>
                        <Changes changes={r.changes} />
                        {r.reason ? (
                          <p className="small">
                            <strong>{t('audit.cols.reason')}: </strong>
                            {displayValue(r.reason, i18n.language)}
                          </p>
                        ) : null}
                        {r.requestId ? <p className="small muted break">{t('audit.request', { id: r.requestId, ip: r.clientIp ?? '—' })}</p> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => setParams({ ...Object.fromEntries(params), page: String(p) })} />
            </>
          )
        ) : !problem ? (
          <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('audit.unavailable')} />
        ) : null}
      </section>
    </Page>
  );
}
