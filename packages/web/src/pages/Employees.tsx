import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Page as ApiPage, type EmployeeSummary, type Me, qs } from '../api.ts';
import { Page, Pager, pageParam, QueryState } from '../components/ui.tsx';
import { displayValue } from '../format.ts';
import { hasAnyRole } from '../session.ts';
import { SearchForm } from './Admin.tsx';

const PAGE_SIZE = 25;

/** The first of several possible names of a field in the employees feature's summary. */
function pick(e: EmployeeSummary, ...keys: string[]): unknown {
  for (const k of keys) if (e[k] !== undefined && e[k] !== null) return e[k];
  return null;
}

export function EmployeesPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const search = params.get('q') ?? '';
  const q = useQuery({
    queryKey: ['employees', 'list', search, page],
    queryFn: ({ signal }) => api<ApiPage<EmployeeSummary>>(`/api/v1/employees${qs({ q: search, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const intro = hasAnyRole(me, ['CADRE_AUTHORITY']) ? t('employees.introCadre') : t('employees.introNodal');
  const v = (x: unknown) => displayValue(x, i18n.language);
  return (
    <Page title={t('employees.title')} intro={intro}>
      <SearchForm id="employees-q" label={t('employees.searchLabel')} initial={search} onSearch={(s) => setParams(s ? { q: s } : {})} />
      {q.data ? (
        q.data.items.length === 0 ? (
          <p className="empty">{t('employees.empty')}</p>
        ) : (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('employees.cols.name')}</th>
                  <th scope="col">{t('employees.cols.code')}</th>
                  <th scope="col">{t('employees.cols.cadre')}</th>
                  <th scope="col">{t('employees.cols.grade')}</th>
                  <th scope="col">{t('employees.cols.ministry')}</th>
                  <th scope="col">{t('employees.cols.status')}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((e, i) => (
                  <tr key={String(pick(e, 'id', 'employeeId', 'employeeCode', 'code') ?? i)}>
                    <td data-label={t('employees.cols.name')}>{v(pick(e, 'displayName', 'name', 'fullName'))}</td>
                    <td data-label={t('employees.cols.code')}>{v(pick(e, 'employeeCode', 'code'))}</td>
                    <td data-label={t('employees.cols.cadre')}>{v(pick(e, 'cadre'))}</td>
                    <td data-label={t('employees.cols.grade')}>{v(pick(e, 'grade', 'gradeName'))}</td>
                    <td data-label={t('employees.cols.ministry')}>{v(pick(e, 'ministry', 'ministryName'))}</td>
                    <td data-label={t('employees.cols.status')}>{v(pick(e, 'profileStatus', 'status'))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => setParams({ ...(search ? { q: search } : {}), page: String(p) })} />
          </>
        )
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('employees.unavailable')} />
      )}
    </Page>
  );
}
