import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type EmployeeSummary, type Grant, type Me, type Ministry, ProblemError, type Role } from '../api.ts';
import { ErrorBox, Loading, NextStep, Page } from '../components/ui.tsx';
import { displayValue } from '../format.ts';

interface Task {
  key: string;
  to?: string;
}

function TaskList({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  return (
    <ul className="task-list">
      {tasks.map((task) => (
        <li key={task.key} className={task.to ? 'task task-ready' : 'task task-soon'}>
          {task.to ? (
            <Link to={task.to}>{t(task.key)}</Link>
          ) : (
            <>
              <span className="task-name">{t(task.key)}</span>
              <span className="status-soon">{t('common.beingSetUp')}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function ProfileSummary() {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['employees', 'me', 'summary'],
    queryFn: ({ signal }) => api<EmployeeSummary>('/api/v1/employees/me/summary', { signal }),
    retry: false,
  });
  if (q.isPending) return <Loading />;
  if (q.error instanceof ProblemError && q.error.status === 404) {
    // a specific reason (e.g. "Your login has no employee record.") is shown as is; a bare 404 means the API is not there yet
    const bare = !q.error.detail || q.error.detail === 'Not found.' || q.error.detail === 'नहीं मिला।';
    return <p className="status-soon-block">{bare ? t('home.employee.summaryUnavailable') : q.error.detail}</p>;
  }
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const hi = i18n.language === 'hi';
  const rows: Array<[string, string]> = [
    ['name', hi ? s.nameHi || s.nameEn : s.nameEn],
    ['employeeCode', s.employeeCode],
    ['cadre', s.cadre],
    ['grade', hi ? s.grade.hi : s.grade.en],
    ['payLevel', s.payLevel],
    ['ministry', hi ? s.ministry.hi : s.ministry.en],
    ['entryDate', displayValue(s.entryDate, i18n.language)],
    ['presentGradeDate', displayValue(s.presentGradeDate, i18n.language)],
    ['dateOfBirth', displayValue(s.dateOfBirth, i18n.language)],
    ['superannuationDate', displayValue(s.superannuationDate, i18n.language)],
  ];
  return (
    <>
      <dl className="summary">
        {rows
          .filter(([, v]) => v && v !== '—')
          .map(([k, v]) => (
            <div key={k} className="summary-row">
              <dt>{t(`home.employee.fields.${k}`)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <NextStep>{t('home.employee.next')}</NextStep>
    </>
  );
}

/** The names of the Ministries of the actor's grants (masters), or their numbers while loading / if unavailable. */
function MinistryNames({ ids }: { ids: number[] }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['masters', 'ministries', ids],
    queryFn: ({ signal }) => Promise.all(ids.map((id) => api<Ministry>(`/api/v1/masters/ministries/${id}`, { signal }))),
    staleTime: 10 * 60_000,
    retry: false,
    enabled: ids.length > 0,
  });
  if (!ids.length) return <>—</>;
  if (!q.data) return <>{ids.map((id) => t('common.ministry', { id })).join(', ')}</>;
  return <>{q.data.map((m) => (i18n.language === 'hi' ? m.hi : m.en)).join(', ')}</>;
}

/** A sub-nodal officer's organisations by name (the officer may read only their own). */
function OrganisationNames({ ids }: { ids: number[] }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['home', 'organisations', ids],
    queryFn: ({ signal }) => Promise.all(ids.map((id) => api<{ id: number; nameEn: string; nameHi: string }>(`/api/v1/organisations/${id}`, { signal }))),
    staleTime: 10 * 60_000,
    retry: false,
    enabled: ids.length > 0,
  });
  if (!ids.length) return <>—</>;
  if (!q.data) return <>{ids.map((id) => t('common.organisation', { id })).join(', ')}</>;
  return <>{q.data.map((o) => (i18n.language === 'hi' ? o.nameHi || o.nameEn : o.nameEn)).join(', ')}</>;
}

function grantsOf(me: Me, role: Role): Grant[] {
  return me.grants.filter((g) => g.role === role);
}

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const roles = [...new Set(me.grants.map((g) => g.role))];
  const has = (r: Role) => roles.includes(r);
  return (
    <Page title={t('home.welcome', { name: me.user.displayName })}>
      {roles.length ? <p className="lead">{t('home.youAre', { roles: roles.map((r) => t(`roles.${r}`)).join(', ') })}</p> : <p className="alert alert-info">{t('home.noRoles')}</p>}

      <div className="home-grid">
        {has('EMPLOYEE') ? (
          <>
            <section className="card" aria-labelledby="home-profile">
              <h2 id="home-profile">{t('home.employee.title')}</h2>
              <ProfileSummary />
            </section>
            <section className="card" aria-labelledby="home-services">
              <h2 id="home-services">{t('home.servicesTitle')}</h2>
              <TaskList
                tasks={[
                  { key: 'home.services.inbox', to: '/inbox' },
                  { key: 'home.services.profile', to: '/profile' },
                  { key: 'home.services.ipr', to: '/ipr' },
                  { key: 'home.services.foreignVisit', to: '/foreign-visits' },
                  { key: 'home.services.deputation', to: '/deputation' },
                  { key: 'home.services.ccl', to: '/ccl' },
                  { key: 'home.services.macp', to: '/career' },
                  { key: 'home.services.vigilance', to: '/vigilance' },
                  { key: 'home.services.interests' },
                  { key: 'home.services.rotation' },
                ]}
              />
            </section>
          </>
        ) : null}

        {has('NODAL_OFFICER') ? (
          <section className="card" aria-labelledby="home-nodal">
            <h2 id="home-nodal">{t('home.nodal.title')}</h2>
            <p>
              <strong>{t('home.nodal.ministry')}: </strong>
              <MinistryNames ids={grantsOf(me, 'NODAL_OFFICER').flatMap((g) => (g.ministryId != null ? [g.ministryId] : []))} />
            </p>
            <NextStep>{t('home.nodal.next')}</NextStep>
            <TaskList
              tasks={[
                { key: 'home.nodal.employees', to: '/employees' },
                { key: 'home.nodal.validate', to: '/profiles' },
                { key: 'home.nodal.strength', to: '/working-strength' },
                { key: 'home.nodal.vigilance', to: '/vigilance' },
                { key: 'home.nodal.ipr', to: '/ipr/compliance' },
                { key: 'home.nodal.cclDecisions', to: '/ccl/decisions' },
                { key: 'home.nodal.macpDue', to: '/macp/due' },
                { key: 'home.nodal.applications', to: '/foreign-visits' },
                { key: 'home.nodal.deputation', to: '/deputation/applications' },
                { key: 'home.nodal.subNodal', to: '/deputation/organisations' },
              ]}
            />
          </section>
        ) : null}

        {has('SUB_NODAL_OFFICER') ? (
          <section className="card" aria-labelledby="home-subnodal">
            <h2 id="home-subnodal">{t('home.subNodal.title')}</h2>
            <p>
              <strong>{t('home.subNodal.organisation')}: </strong>
              <OrganisationNames ids={grantsOf(me, 'SUB_NODAL_OFFICER').flatMap((g) => (g.organisationId != null ? [g.organisationId] : []))} />
            </p>
            <NextStep>{t('home.subNodal.next')}</NextStep>
            <TaskList
              tasks={[
                { key: 'home.subNodal.adverts', to: '/deputation/manage' },
                { key: 'home.subNodal.shortlist', to: '/deputation/applications' },
              ]}
            />
          </section>
        ) : null}

        {has('CADRE_AUTHORITY') ? (
          <section className="card" aria-labelledby="home-cadre">
            <h2 id="home-cadre">{t('home.cadre.title')}</h2>
            <p>
              <strong>{t('home.cadre.cadres')}: </strong>
              {[...new Set(grantsOf(me, 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []))].join(', ') || '—'}
            </p>
            <NextStep>{t('home.cadre.next')}</NextStep>
            <TaskList
              tasks={[
                { key: 'home.cadre.employees', to: '/employees' },
                { key: 'home.cadre.audit', to: '/audit' },
                { key: 'home.cadre.registration', to: '/registration' },
                { key: 'home.cadre.windows', to: '/validation-windows' },
                { key: 'home.cadre.strength', to: '/working-strength' },
                { key: 'home.cadre.decisions', to: '/deputation/applications' },
                { key: 'home.cadre.rotation' },
                { key: 'home.cadre.history' },
              ]}
            />
          </section>
        ) : null}

        {has('AVD') ? (
          <section className="card" aria-labelledby="home-avd">
            <h2 id="home-avd">{t('home.avd.title')}</h2>
            <NextStep>{t('home.avd.next')}</NextStep>
            <TaskList tasks={[{ key: 'home.avd.records', to: '/vigilance' }]} />
          </section>
        ) : null}

        {has('ADMIN') ? (
          <section className="card" aria-labelledby="home-admin">
            <h2 id="home-admin">{t('home.admin.title')}</h2>
            <NextStep>{t('home.admin.next')}</NextStep>
            <TaskList
              tasks={[
                { key: 'home.admin.users', to: '/admin/users' },
                { key: 'home.admin.outbox', to: '/admin/outbox' },
                { key: 'home.admin.audit', to: '/audit' },
                { key: 'home.admin.masters' },
              ]}
            />
          </section>
        ) : null}
      </div>
    </Page>
  );
}
