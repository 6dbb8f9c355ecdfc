import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page as ApiPage, type EmployeeSummary, type Me, qs } from '../api.ts';
import { Page, Pager, pageParam, QueryItems } from '../components/ui.tsx';
import { hasAnyRole } from '../session.ts';
import { SearchForm } from './Admin.tsx';

const PAGE_SIZE = 25;

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
  const hi = i18n.language === 'hi';
  return (
    <Page title={t('employees.title')} intro={intro}>
      <SearchForm id="employees-q" label={t('employees.searchLabel')} initial={search} onSearch={(s) => setParams(s ? { q: s } : {})} />
      <QueryItems q={q} empty={t('employees.empty')} unavailable={t('employees.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('employees.cols.name')}</th>
                  <th scope="col">{t('employees.cols.code')}</th>
                  <th scope="col">{t('employees.cols.cadre')}</th>
                  <th scope="col">{t('employees.cols.grade')}</th>
                  <th scope="col">{t('employees.cols.payLevel')}</th>
                  <th scope="col">{t('employees.cols.ministry')}</th>
                  <th scope="col">{t('employees.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => {
                  const name = hi ? e.nameHi || e.nameEn : e.nameEn;
                  return (
                    <tr key={e.id}>
                      <td data-label={t('employees.cols.name')}>{name}</td>
                      <td data-label={t('employees.cols.code')}>{e.employeeCode}</td>
                      <td data-label={t('employees.cols.cadre')}>{e.cadre}</td>
                      <td data-label={t('employees.cols.grade')}>{hi ? e.grade?.hi : e.grade?.en}</td>
                      <td data-label={t('employees.cols.payLevel')}>{e.payLevel}</td>
                      <td data-label={t('employees.cols.ministry')}>{hi ? e.ministry?.hi : e.ministry?.en}</td>
                      <td data-label={t('employees.cols.actions')}>
                        {e.abilities?.includes('career.read') ? (
                          <Link to={`/employees/${encodeURIComponent(e.id)}/career`}>
                            {t('employees.career')}
                            <span className="visually-hidden">: {name}</span>
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ ...(search ? { q: search } : {}), page: String(p) })} />
          </>
        )}
      </QueryItems>
    </Page>
  );
}
