import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { ErrorBox, Loading, NextStep, Page } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';

interface Dashboard {
  window: { id: number; cadre: string; deadline: string; daysLeft: number } | null;
  ministries: Array<{ ministryId: number; ministryEn: string; ministryHi: string; total: number; byState: Record<string, number>; completeness: number; pendingValidation: number; omissions: number }>;
}

/** Profile validation at a glance: the deadline countdown, and per Ministry completeness, pending validations and omissions. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['dashboard'], queryFn: () => api<Dashboard>('/api/v1/dashboard/profiles') });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const pending = d.ministries.reduce((n, m) => n + m.pendingValidation, 0);
  return (
    <Page title={t('dashboard.title')} intro={t('dashboard.intro')}>
      <section className="card" aria-labelledby="dash-window">
        <h2 id="dash-window">{t('dashboard.window')}</h2>
        {d.window ? (
          <p className="lead">
            {t('dashboard.deadline', { cadre: d.window.cadre, date: formatDate(d.window.deadline, i18n.language), count: d.window.daysLeft })}
          </p>
        ) : (
          <p>{t('dashboard.noWindow')}</p>
        )}
        <NextStep>
          {pending ? <Link to="/profiles?state=SUBMITTED">{t('dashboard.next', { count: pending })}</Link> : t('dashboard.nothing')}
        </NextStep>
      </section>
      <div className="table-wrap">
        <table>
          <caption>{t('dashboard.byMinistry')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('strength.ministry')}</th>
              <th scope="col">{t('dashboard.total')}</th>
              <th scope="col">{t('profile.state.SUBMITTED')}</th>
              <th scope="col">{t('profile.state.VALIDATED')}</th>
              <th scope="col">{t('profile.state.DEEMED_FINAL')}</th>
              <th scope="col">{t('dashboard.completeness')}</th>
              <th scope="col">{t('dashboard.omissions')}</th>
            </tr>
          </thead>
          <tbody>
            {d.ministries.map((m) => (
              <tr key={m.ministryId}>
                <th scope="row">{i18n.language === 'hi' ? m.ministryHi : m.ministryEn}</th>
                <td>{m.total}</td>
                <td>{m.pendingValidation}</td>
                <td>{m.byState.VALIDATED ?? 0}</td>
                <td>{m.byState.DEEMED_FINAL ?? 0}</td>
                <td>{m.completeness}%</td>
                <td>{m.omissions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
