import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs, ProblemError } from '../../api.ts';
import { ErrorBox, Field, Loading, Page, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import '../rotation/rotation.css';

type AreaType = 'BEHAVIOURAL' | 'FUNCTIONAL' | 'DOMAIN';
interface Area {
  code: string;
  type: AreaType;
  en: string;
  hi: string;
  competencies: string[];
  roles: string[];
  activities: string[];
}
interface Course {
  id: string;
  title: string;
  provider: string;
  durationHours: number | null;
  competencies: string[];
  link: string;
  areas: string[];
}
interface Completion {
  courseId: string;
  title: string;
  provider: string;
  startedOn: string;
  completedOn: string;
  link: string | null;
  certificateUrl: string | null;
  inProfile: boolean;
}

const TYPES: readonly AreaType[] = ['BEHAVIOURAL', 'FUNCTIONAL', 'DOMAIN'];

function useLang(): 'en' | 'hi' {
  const { i18n } = useTranslation();
  return i18n.language === 'hi' ? 'hi' : 'en';
}

export function InterestsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const tax = useQuery({ queryKey: ['interests', 'taxonomy'], queryFn: () => api<{ areas: Area[] }>('/api/v1/interests/taxonomy'), staleTime: 3_600_000 });
  const mine = useQuery({ queryKey: ['interests', 'me'], queryFn: () => api<{ areas: string[]; igot: 'embedded' | 'http' }>('/api/v1/interests/me') });
  const [picked, setPicked] = useState<string[]>([]);
  useEffect(() => {
    if (mine.data) setPicked(mine.data.areas);
  }, [mine.data]);
  const save = useMutation({
    mutationFn: () => api<{ areas: string[] }>('/api/v1/interests/me', { method: 'PUT', body: { areas: picked } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['interests'] }),
  });
  const courses = useQuery({ queryKey: ['interests', 'courses', mine.data?.areas.join(',')], enabled: !!mine.data, queryFn: () => api<{ items: Course[]; source: 'embedded' | 'http' }>('/api/v1/igot/courses') });
  const areaName = (code: string) => {
    const a = tax.data?.areas.find((x) => x.code === code);
    return a ? a[lang] : code;
  };
  const err = save.error instanceof ProblemError ? save.error : null;
  return (
    <Page title={t('interests.title')} intro={t('interests.intro')}>
      <QueryState error={tax.error ?? mine.error} isPending={tax.isPending || mine.isPending} refetch={() => void tax.refetch()} unavailable={t('interests.unavailable')} />
      {tax.data && mine.data ? (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <h2>{t('interests.pick')}</h2>
          {TYPES.map((type) => (
            <fieldset key={type} className="field">
              <legend>{t(`interests.type.${type}`)}</legend>
              {tax.data.areas
                .filter((a) => a.type === type)
                .map((a) => (
                  <label key={a.code} className="check">
                    <input
                      type="checkbox"
                      checked={picked.includes(a.code)}
                      disabled={!picked.includes(a.code) && picked.length >= 10}
                      onChange={(e) => setPicked(e.target.checked ? [...picked, a.code] : picked.filter((x) => x !== a.code))}
                      aria-describedby={`area-${a.code}-hint`}
                    />
                    <span>
                      {a[lang]}
                      <span id={`area-${a.code}-hint`} className="hint small check-hint">
                        {a.activities.join('; ')}
                      </span>
                    </span>
                  </label>
                ))}
            </fieldset>
          ))}
          <p className="muted" aria-live="polite">
            {picked.length}/10 {picked.length >= 10 ? `· ${t('interests.tooMany')}` : ''}
          </p>
          {err ? <ErrorBox error={err} /> : null}
          {save.isSuccess ? (
            <p className="alert alert-success" role="status">
              {t('interests.saved')}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('interests.save')}
          </button>
        </form>
      ) : null}
      <section className="card" aria-labelledby="courses">
        <h2 id="courses">{t('interests.courses')}</h2>
        {courses.isPending ? (
          mine.data ? <Loading /> : null
        ) : courses.error ? (
          <ErrorBox error={courses.error} onRetry={() => void courses.refetch()} />
        ) : courses.data.items.length === 0 ? (
          <p>{t('interests.noCourses')}</p>
        ) : (
          <>
            {courses.data.source === 'embedded' ? <p className="muted small">{t('interests.embedded')}</p> : null}
            <ul className="card-list">
              {courses.data.items.map((c) => (
                <li key={c.id}>
                  <strong>{c.title}</strong> <span className="muted">· {c.provider}</span>
                  {c.durationHours != null ? <span className="muted"> · {t('interests.hours', { count: c.durationHours })}</span> : null}
                  <br />
                  <span className="small">
                    {t('interests.matches')}: {c.areas.map(areaName).join(', ')}
                  </span>
                  <br />
                  <a href={c.link} target="_blank" rel="noopener noreferrer">
                    {t('interests.openOnIgot')}
                    <span className="visually-hidden"> {c.title} {t('interests.opensNew')}</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <Completions />
    </Page>
  );
}

function Completions() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['interests', 'completions'], queryFn: () => api<{ items: Completion[] }>('/api/v1/igot/completions') });
  const sync = useMutation({
    mutationFn: () => api<{ new: number; addedToProfile: number; profileState: string | null; items: Completion[] }>('/api/v1/igot/sync', { method: 'POST', body: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['interests', 'completions'] });
      void qc.invalidateQueries({ queryKey: ['profile'] });
    },
  });
  return (
    <section className="card" aria-labelledby="completed">
      <h2 id="completed">{t('interests.completed')}</h2>
      <p>{t('interests.completedIntro')}</p>
      <button type="button" className="btn btn-secondary" onClick={() => sync.mutate()} disabled={sync.isPending}>
        {t('interests.sync')}
      </button>
      {sync.error ? <ErrorBox error={sync.error} /> : null}
      {sync.data ? (
        <p className="alert alert-success" role="status">
          {t('interests.synced', { count: sync.data.new, added: sync.data.addedToProfile })}
          {sync.data.profileState === 'SUBMITTED' ? ` ${t('interests.syncWaiting')}` : ''}
        </p>
      ) : null}
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} /> : list.data.items.length === 0 ? <p className="muted">{t('interests.noCompleted')}</p> : (
        <ul className="card-list">
          {list.data.items.map((c) => (
            <li key={c.courseId}>
              <strong>{c.link ? <a href={c.link} target="_blank" rel="noopener noreferrer">{c.title}</a> : c.title}</strong> <span className="muted">· {c.provider}</span>
              <br />
              {t('interests.completedOn')}: {formatDate(c.completedOn, lang)} ·{' '}
              <span className={c.inProfile ? 'tag tag-ok' : 'tag'}>{c.inProfile ? t('interests.inProfile') : t('interests.notInProfile')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AggRow {
  ministryId: number;
  ministryEn: string;
  ministryHi: string;
  grade: string;
  areaCode: string;
  areaEn: string;
  areaHi: string;
  officers: number;
}

export function InterestsAggregatePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [grade, setGrade] = useState('');
  const q = useQuery({ queryKey: ['interests', 'aggregate', grade], queryFn: () => api<{ items: AggRow[]; officersWithInterests: number }>(`/api/v1/interests/aggregate${qs({ grade: grade || undefined })}`) });
  const grades = ['CSS.ASO', 'CSS.SO', 'CSS.US', 'CSS.DS', 'CSS.DIR', 'CSS.JS', 'CSSS.PA', 'CSSS.PS', 'CSSS.PPS', 'CSSS.SPPS', 'CSSS.PSO'];
  return (
    <Page title={t('interests.aggregate.title')} intro={t('interests.aggregate.intro')}>
      <p className="actions">
        <a className="btn btn-secondary" href={`/api/v1/interests/aggregate${qs({ grade: grade || undefined, format: 'csv' })}`}>
          {t('rotation.manage.csv')}
        </a>{' '}
        <a className="btn btn-secondary" href={`/api/v1/interests/aggregate${qs({ grade: grade || undefined, format: 'xlsx' })}`}>
          {t('rotation.manage.xlsx')}
        </a>
      </p>
      <Field id="agg-grade" label={t('interests.aggregate.gradeFilter')}>
        {(p) => (
          <select {...p} value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">{t('interests.aggregate.any')}</option>
            {grades.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        )}
      </Field>
      <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('interests.unavailable')} />
      {q.data ? (
        q.data.items.length === 0 ? (
          <p>{t('interests.aggregate.none')}</p>
        ) : (
          <>
            <p>{t('interests.aggregate.total', { count: q.data.officersWithInterests })}</p>
                          <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('interests.aggregate.ministry')}</th>
                    <th scope="col">{t('interests.aggregate.grade')}</th>
                    <th scope="col">{t('interests.aggregate.area')}</th>
                    <th scope="col">{t('interests.aggregate.officers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.items.map((r) => (
                    <tr key={`${r.ministryId}-${r.grade}-${r.areaCode}`}>
                      <th scope="row">{lang === 'hi' ? r.ministryHi : r.ministryEn}</th>
                      <td data-label={t('interests.aggregate.grade')}>{r.grade}</td>
                      <td data-label={t('interests.aggregate.area')}>{lang === 'hi' ? r.areaHi : r.areaEn}</td>
                      <td data-label={t('interests.aggregate.officers')}>{r.officers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
          </>
        )
      ) : null}
    </Page>
  );
}
