import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ProblemError } from '../../api.ts';
import { ErrorBox, Loading, NextStep, Page } from '../../components/ui.tsx';
import { displayValue, formatDate, formatDateTime } from '../../format.ts';
import { CheckInput, type Data, SelectInput, Section, TextInput, getAt, setAt } from './form.tsx';

export type ProfileState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VALIDATED' | 'DEEMED_FINAL';
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}
export interface ProfileView {
  employeeId: string;
  employeeCode: string;
  state: ProfileState;
  version: number;
  data: Data;
  service: { cadre: string; grade: string; payLevel: string; entryDate: string; presentGradeDate: string; ministryId: number; ministryJoinDate: string; selectListYear?: number | null; probationEnd?: string | null };
  validatedVersionNo: number | null;
  submittedVersionNo: number | null;
  remarks: string | null;
  changesSinceValidated: Change[];
  abilities: string[];
  nextSteps: string[];
}

const EDITABLE: ProfileState[] = ['DRAFT', 'RETURNED', 'VALIDATED', 'DEEMED_FINAL'];

export function StateBadge({ state }: { state: ProfileState }) {
  const { t } = useTranslation();
  const tone = state === 'VALIDATED' || state === 'DEEMED_FINAL' ? 'badge-success' : state === 'RETURNED' ? 'badge-warning' : 'badge-info';
  return <span className={`badge ${tone}`}>{t(`profile.state.${state}`)}</span>;
}

export function ChangesTable({ changes, caption }: { changes: Change[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.field')}</th>
            <th scope="col">{t('profile.before')}</th>
            <th scope="col">{t('profile.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path}>
              <th scope="row">
                <code>{c.path}</code>
              </th>
              <td>{displayValue(c.before, i18n.language)}</td>
              <td>{displayValue(c.after, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VersionsList({ employeeId }: { employeeId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['profile-versions', employeeId], queryFn: () => api<{ items: Array<{ versionNo: number; status: string; diff: Change[]; corrections: Change[] | null; remarks: string | null; submittedAt: string; decidedAt: string | null }> }>(`/api/v1/profiles/${employeeId}/versions`) });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <p>{t('profile.versions.none')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('profile.versions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profile.versions.no')}</th>
            <th scope="col">{t('profile.versions.status')}</th>
            <th scope="col">{t('profile.versions.submitted')}</th>
            <th scope="col">{t('profile.versions.decided')}</th>
            <th scope="col">{t('profile.changed', { defaultValue: t('review.changed') })}</th>
            <th scope="col">{t('profile.versions.remarks')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.items.map((v) => (
            <tr key={v.versionNo}>
              <td>{v.versionNo}</td>
              <td>{v.status}</td>
              <td>{formatDateTime(v.submittedAt, i18n.language)}</td>
              <td>{v.decidedAt ? formatDateTime(v.decidedAt, i18n.language) : '—'}</td>
              <td>{[...v.diff, ...(v.corrections ?? [])].map((c) => c.path).join(', ') || '—'}</td>
              <td>{v.remarks ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function emptyAddress() {
  return { line1: '', city: '', district: '', state: '', pin: '' };
}

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['profile'], queryFn: () => api<ProfileView>('/api/v1/profile'), retry: false });
  const [data, setData] = useState<Data | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<ProblemError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);

  useEffect(() => {
    if (q.data) {
      const d = structuredClone(q.data.data);
      // an unticked box is an answer ("no"), not a missing field
      if (d.personal && d.personal.pwbd == null) d.personal.pwbd = { is: false };
      setData(d);
      setVersion(q.data.version);
    }
  }, [q.data]);

  const onErr = (e: unknown) => {
    setNotice(null);
    setError(e instanceof ProblemError ? e : null);
    document.getElementById('profile-status')?.focus();
  };
  const save = useMutation({
    mutationFn: () => api<{ state: ProfileState; version: number }>('/api/v1/profile/draft', { method: 'PUT', body: { data, version } }),
    onSuccess: (r) => {
      setVersion(r.version);
      setError(null);
      setNotice(t('profile.saved'));
      void qc.invalidateQueries({ queryKey: ['profile'] });
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: async () => {
      const s = await api<{ version: number }>('/api/v1/profile/draft', { method: 'PUT', body: { data, version } });
      return api<{ state: ProfileState; version: number }>('/api/v1/profile/submit', { method: 'POST', body: { version: s.version } });
    },
    onSuccess: (r) => {
      setVersion(r.version);
      setError(null);
      setNotice(t('profile.submitted'));
      void qc.invalidateQueries({ queryKey: ['profile'] });
    },
    onError: onErr,
  });

  if (q.isPending || (q.data && !data)) return <Loading />;
  if (q.error) {
    if (q.error instanceof ProblemError && q.error.status === 404)
      return (
        <Page title={t('profile.title')}>
          <p>{t('profile.noEmployee')}</p>
        </Page>
      );
    return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  }
  const view = q.data;
  const editable = EDITABLE.includes(view.state) || view.state === 'DRAFT';
  const b = { data: data as Data, set: (p: string, v: unknown) => setData((d) => setAt(d as Data, p, v)), error, readOnly: !editable };
  const g = (k: string) => t(`profile.f.${k}`);
  const stale = error?.code === 'STALE_VERSION';
  const busy = save.isPending || submit.isPending;
  const children: unknown[] = getAt(data as Data, 'family.children') ?? [];
  const quals: unknown[] = getAt(data as Data, 'qualifications') ?? [];
  const langs: unknown[] = getAt(data as Data, 'languages') ?? [];

  return (
    <Page title={t('profile.title')} intro={t('profile.intro')}>
      <div className="card" id="profile-status" tabIndex={-1} aria-live="polite">
        <p>
          <StateBadge state={view.state} /> <span className="muted">· {view.employeeCode}</span>
        </p>
        {view.remarks ? (
          <div className="alert alert-info">
            <p className="alert-title">{t('profile.remarks')}</p>
            <p>{view.remarks}</p>
          </div>
        ) : null}
        {notice ? <p className="alert alert-success">{notice}</p> : null}
        {stale ? (
          <div className="alert alert-error" role="alert">
            <p>{t('profile.stale')}</p>
            <button type="button" className="btn btn-secondary" onClick={() => { setError(null); void q.refetch(); }}>
              {t('profile.reload')}
            </button>
          </div>
        ) : error ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{error.errors.length ? t('profile.fix') : error.detail}</p>
            {error.errors.length ? (
              <ul>
                {error.errors.map((e) => (
                  <li key={e.field + e.message}>
                    <a href={`#f-${e.field}`}>{e.message}</a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <NextStep>{t(`profile.next.${view.state}`)}</NextStep>
        <p className="actions">
          {view.submittedVersionNo ? (
            <>
              <a className="btn btn-secondary" href={`/api/v1/profiles/${view.employeeId}/print`} target="_blank" rel="noopener">
                {t('profile.print')}
              </a>{' '}
              <a className="btn btn-secondary" href={`/api/v1/profiles/${view.employeeId}/print?format=pdf`}>
                {t('profile.pdf')}
              </a>{' '}
            </>
          ) : null}
          <button type="button" className="btn btn-secondary" aria-expanded={showHistory} onClick={() => setShowHistory((x) => !x)}>
            {t('profile.history')}
          </button>
        </p>
        {showHistory ? <VersionsList employeeId={view.employeeId} /> : null}
      </div>

      {view.validatedVersionNo != null ? (
        view.changesSinceValidated.length ? <ChangesTable changes={view.changesSinceValidated} caption={t('profile.changesSinceValidated')} /> : <p className="muted">{t('profile.noChanges')}</p>
      ) : null}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
        noValidate
      >
        <Section id="sec-personal" title={t('profile.sections.personal')}>
          <TextInput b={b} path="personal.nameEn" label={g('nameEn')} autoComplete="name" />
          <TextInput b={b} path="personal.nameHi" label={g('nameHi')} lang="hi" />
          <TextInput b={b} path="personal.dateOfBirth" label={g('dateOfBirth')} type="date" />
          <SelectInput b={b} path="personal.gender" label={g('gender')} options={(['F', 'M', 'T'] as const).map((k) => [k, t(`profile.gender.${k}`)])} />
          <SelectInput b={b} path="personal.category" label={g('category')} options={['GEN', 'EWS', 'OBC', 'SC', 'ST'].map((k) => [k, k])} />
          <SelectInput b={b} path="personal.maritalStatus" label={g('maritalStatus')} options={(['UNMARRIED', 'MARRIED', 'WIDOWED', 'DIVORCED'] as const).map((k) => [k, t(`profile.marital.${k}`)])} />
          <TextInput b={b} path="personal.mobile" label={g('mobile')} type="tel" autoComplete="tel" />
          <TextInput b={b} path="personal.email" label={g('email')} type="email" autoComplete="email" />
          <TextInput b={b} path="personal.pan" label={g('pan')} />
          <CheckInput b={b} path="personal.pwbd.is" label={g('pwbd')} />
          {getAt(b.data, 'personal.pwbd.is') ? <TextInput b={b} path="personal.pwbd.percent" label={g('pwbdPercent')} type="number" /> : null}
        </Section>
        {(['present', 'permanent'] as const).map((kind) => {
          const base = kind === 'present' ? 'personal.presentAddress' : 'personal.permanentAddress';
          return (
            <Section key={kind} id={`sec-${kind}`} title={t(`profile.sections.${kind}`)}>
              {kind === 'permanent' && editable ? (
                <p className="full">
                  <button type="button" className="btn btn-secondary" onClick={() => b.set(base, structuredClone(getAt(b.data, 'personal.presentAddress') ?? emptyAddress()))}>
                    {t('profile.sameAsPresent')}
                  </button>
                </p>
              ) : null}
              <TextInput b={b} path={`${base}.line1`} label={g('line1')} autoComplete="address-line1" />
              <TextInput b={b} path={`${base}.line2`} label={g('line2')} autoComplete="address-line2" />
              <TextInput b={b} path={`${base}.city`} label={g('city')} />
              <TextInput b={b} path={`${base}.district`} label={g('district')} />
              <TextInput b={b} path={`${base}.state`} label={g('state')} />
              <TextInput b={b} path={`${base}.pin`} label={g('pin')} autoComplete="postal-code" />
            </Section>
          );
        })}
        <Section id="sec-family" title={t('profile.sections.family')}>
          <TextInput b={b} path="family.spouse.name" label={g('spouse')} />
          {children.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position (the field path ends in the index)
            <fieldset key={`c${i}`} className="full sub-fieldset">
              <legend>{t('profile.child', { n: i + 1 })}</legend>
              <TextInput b={b} path={`family.children.${i}.name`} label={g('childName')} />
              <TextInput b={b} path={`family.children.${i}.dateOfBirth`} label={g('childDob')} type="date" />
              <SelectInput b={b} path={`family.children.${i}.gender`} label={g('childGender')} options={(['F', 'M', 'T'] as const).map((k) => [k, t(`profile.gender.${k}`)])} />
              <TextInput b={b} path={`family.children.${i}.disabilityPercent`} label={g('childDisability')} type="number" />
              {editable ? (
                <button type="button" className="btn btn-link" onClick={() => b.set('family.children', children.filter((__, j) => j !== i))}>
                  {t('profile.remove')}
                </button>
              ) : null}
            </fieldset>
          ))}
          {editable ? (
            <p className="full">
              <button type="button" className="btn btn-secondary" onClick={() => b.set('family.children', [...children, { name: '', dateOfBirth: '', gender: 'F', disabilityPercent: 0 }])}>
                {t('profile.addChild')}
              </button>
            </p>
          ) : null}
        </Section>
        <Section id="sec-qual" title={t('profile.sections.qualifications')}>
          {quals.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position (the field path ends in the index)
            <fieldset key={`q${i}`} className="full sub-fieldset">
              <legend>{`${t('profile.sections.qualifications')} ${i + 1}`}</legend>
              <SelectInput b={b} path={`qualifications.${i}.level`} label={g('level')} options={(['SECONDARY', 'HIGHER_SECONDARY', 'DIPLOMA', 'GRADUATE', 'POST_GRADUATE', 'DOCTORATE', 'PROFESSIONAL'] as const).map((k) => [k, t(`profile.qualLevel.${k}`)])} />
              <TextInput b={b} path={`qualifications.${i}.subject`} label={g('subject')} />
              <TextInput b={b} path={`qualifications.${i}.institution`} label={g('institution')} />
              <TextInput b={b} path={`qualifications.${i}.year`} label={g('year')} type="number" />
              {editable ? (
                <button type="button" className="btn btn-link" onClick={() => b.set('qualifications', quals.filter((__, j) => j !== i))}>
                  {t('profile.remove')}
                </button>
              ) : null}
            </fieldset>
          ))}
          {editable ? (
            <p className="full">
              <button type="button" className="btn btn-secondary" onClick={() => b.set('qualifications', [...quals, { level: 'GRADUATE', subject: '', institution: '', year: new Date().getFullYear() }])}>
                {t('profile.addQualification')}
              </button>
            </p>
          ) : null}
        </Section>
        <Section id="sec-lang" title={t('profile.sections.languages')}>
          {langs.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position (the field path ends in the index)
            <fieldset key={`l${i}`} className="full sub-fieldset">
              <legend>{`${t('profile.f.language')} ${i + 1}`}</legend>
              <TextInput b={b} path={`languages.${i}.language`} label={g('language')} />
              <CheckInput b={b} path={`languages.${i}.read`} label={g('read')} />
              <CheckInput b={b} path={`languages.${i}.write`} label={g('write')} />
              <CheckInput b={b} path={`languages.${i}.speak`} label={g('speak')} />
              {editable ? (
                <button type="button" className="btn btn-link" onClick={() => b.set('languages', langs.filter((__, j) => j !== i))}>
                  {t('profile.remove')}
                </button>
              ) : null}
            </fieldset>
          ))}
          {editable ? (
            <p className="full">
              <button type="button" className="btn btn-secondary" onClick={() => b.set('languages', [...langs, { language: '', read: true, write: true, speak: true }])}>
                {t('profile.addLanguage')}
              </button>
            </p>
          ) : null}
        </Section>
        <section className="card" aria-labelledby="sec-service">
          <h2 id="sec-service">{t('profile.sections.service')}</h2>
          <p className="hint">{t('profile.serviceHint')}</p>
          <dl className="summary">
            {Object.entries(view.service)
              .filter(([k]) => k !== 'postings')
              .map(([k, v]) => (
                <div key={k} className="summary-row">
                  <dt>{t(`profile.svc.${k}`, { defaultValue: k })}</dt>
                  <dd>{typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, i18n.language) : displayValue(v, i18n.language)}</dd>
                </div>
              ))}
          </dl>
          <p>
            <Link to="/corrections">{t('profile.askCorrection')}</Link>
          </p>
        </section>
        {editable ? (
          <p className="actions sticky-actions">
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => save.mutate()}>
              {t('profile.save')}
            </button>{' '}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('profile.submit')}
            </button>
          </p>
        ) : null}
      </form>
    </Page>
  );
}
