import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../api.ts';
import { Field, Page, Pager, pageParam, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { bi, inr } from '../orders/parts.tsx';
import type { DuePage } from '../orders/types.ts';

const PAGE_SIZE = 25;

function monthsParam(v: string | null): number {
  const n = Number(v ?? 6);
  return Number.isInteger(n) && n >= 0 && n <= 60 ? n : 6;
}

export function MacpDuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const months = monthsParam(params.get('months'));
  const [draft, setDraft] = useState(String(months));
  const [error, setError] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['macp', 'due', months, page],
    queryFn: ({ signal }) => api<DuePage>(`/api/v1/macp/due${qs({ months, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  return (
    <Page title={t('career.due.title')} intro={t('career.due.intro')}>
      <form
        className="toolbar"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(draft);
          if (!Number.isInteger(n) || n < 0 || n > 60) {
            setError(t('career.due.monthsHint'));
            return;
          }
          setError(undefined);
          setParams({ months: String(n) });
        }}
      >
        <Field id={`${id}-months`} label={t('career.due.months')} hint={t('career.due.monthsHint')} error={error}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={60} value={draft} onChange={(e) => setDraft(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t('career.due.show')}
          </button>
          <a className="btn btn-secondary" href={`/api/v1/macp/due${qs({ months, format: 'csv' })}`} download>
            {t('career.due.export')}
          </a>
        </div>
      </form>
      {q.data ? (
        <>
          {/* while another period loads, the last one's rows stay on screen but are not counted as this one's */}
          <p role="status" className="toolbar-status">
            {q.isPlaceholderData ? null : t('career.due.count', { count: q.data.total })}
          </p>
          {q.data.problems.length ? (
            <div className="alert alert-info" role="note">
              <p>{t('career.due.problems', { count: q.data.problems.length })}</p>
              <ul>
                {q.data.problems.map((p) => (
                  <li key={p.employeeId}>
                    <Link to={`/employees/${encodeURIComponent(p.employeeId)}/career`}>{p.employeeId.slice(0, 8)}</Link>: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {q.data.items.length === 0 ? (
            <p className="empty">{t('career.due.empty')}</p>
          ) : (
            <table className="data-table" aria-busy={q.isPlaceholderData}>
              <thead>
                <tr>
                  <th scope="col">{t('career.due.cols.employee')}</th>
                  <th scope="col">{t('career.due.cols.grade')}</th>
                  <th scope="col">{t('career.due.cols.upgradation')}</th>
                  <th scope="col">{t('career.due.cols.date')}</th>
                  <th scope="col">{t('career.due.cols.levels')}</th>
                  <th scope="col">{t('career.due.cols.pay')}</th>
                  <th scope="col">{t('career.due.cols.status')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((d) => (
                  <tr key={`${d.employee.id}-${d.date}-${d.toLevel}`}>
                    <td data-label={t('career.due.cols.employee')}>
                      <Link to={`/employees/${encodeURIComponent(d.employee.id)}/career`}>{bi(d.employee.name, lang)}</Link>
                      <span className="muted small"> · {d.employee.code}</span>
                    </td>
                    <td data-label={t('career.due.cols.grade')}>{bi(d.employee.grade, lang)}</td>
                    <td data-label={t('career.due.cols.upgradation')}>
                      {t(`career.kind.${d.kind}`)}
                      {d.number ? ` (${d.number})` : ''}
                    </td>
                    <td data-label={t('career.due.cols.date')}>{formatDate(d.date, lang)}</td>
                    <td data-label={t('career.due.cols.levels')}>{t('career.levels', { from: d.fromLevel, to: d.toLevel })}</td>
                    <td data-label={t('career.due.cols.pay')}>{d.payAfter ? inr(d.payAfter, lang) : '—'}</td>
                    <td data-label={t('career.due.cols.status')}>{t(`career.status.${d.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => setParams({ months: String(months), page: String(p) })} />
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('career.unavailable')} />
      )}
    </Page>
  );
}
