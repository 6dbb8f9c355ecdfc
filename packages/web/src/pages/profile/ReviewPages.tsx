import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, NextStep, Page, Pager, pageParam } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { ChangesTable, type ProfileState, type ProfileView, StateBadge, VersionsList } from './ProfilePage.tsx';

interface Item {
  employeeId: string;
  employeeCode: string;
  nameEn: string;
  nameHi: string;
  grade: string;
  ministryId: number;
  state: ProfileState;
  version: number;
  changedFields: number;
  updatedAt: string;
}

const STATES: ProfileState[] = ['SUBMITTED', 'RETURNED', 'DRAFT', 'VALIDATED', 'DEEMED_FINAL'];

export function ReviewListPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const state = params.get('state') ?? 'SUBMITTED';
  const search = params.get('q') ?? '';
  const [q, setQ] = useState(search);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<{ validated: string[]; skipped: Array<{ employeeId: string; message: string }> } | null>(null);
  const list = useQuery({
    queryKey: ['profiles', state, search, page],
    queryFn: () => api<ApiPage<Item> & { counts: Record<string, number> }>(`/api/v1/profiles${qs({ state: state === 'ALL' ? undefined : state, q: search, page, pageSize: 25 })}`),
  });
  const bulk = useMutation({
    mutationFn: () => api<{ validated: string[]; skipped: Array<{ employeeId: string; code: string; message: string }> }>('/api/v1/profiles/bulk-validate', {
      method: 'POST',
      body: { items: (list.data?.items ?? []).filter((i) => selected.has(i.employeeId)).map((i) => ({ employeeId: i.employeeId, version: i.version })) },
    }),
    onSuccess: (r) => {
      setResult(r);
      setSelected(new Set());
      void qc.invalidateQueries({ queryKey: ['profiles'] });
    },
  });
  const set = (k: string, v: string) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    if (k !== 'page') n.delete('page');
    setParams(n);
  };
  const unchanged = (list.data?.items ?? []).filter((i) => i.state === 'SUBMITTED' && i.changedFields === 0);
  return (
    <Page title={t('review.title')} intro={t('review.intro')}>
      <form
        className="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <Field id="rv-state" label={t('review.filterState')}>
          {(p) => (
            <select {...p} value={state} onChange={(e) => set('state', e.target.value)}>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`profile.state.${s}`)} {list.data?.counts[s] != null ? `(${list.data.counts[s]})` : ''}
                </option>
              ))}
              <option value="ALL">{t('review.all')}</option>
            </select>
          )}
        </Field>
        <Field id="rv-q" label={t('review.search')}>
          {(p) => <input {...p} value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <button type="submit" className="btn btn-secondary">
          {t('review.apply')}
        </button>
      </form>
      {result ? (
        <div className="alert alert-success" role="status">
          <p>{t('review.bulkDone', { validated: result.validated.length, skipped: result.skipped.length })}</p>
          {result.skipped.length ? (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.employeeId}>{s.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {bulk.error ? <ErrorBox error={bulk.error} /> : null}
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? <p>{t('review.none')}</p> : (
        <>
          {state === 'SUBMITTED' ? (
            <p className="actions">
              <button type="button" className="btn btn-secondary" disabled={unchanged.length === 0} onClick={() => setSelected(new Set(unchanged.map((i) => i.employeeId)))}>
                {t('review.selectUnchanged')}
              </button>{' '}
              <button type="button" className="btn btn-primary" disabled={selected.size === 0 || bulk.isPending} onClick={() => bulk.mutate()}>
                {t('review.bulk', { count: selected.size })}
              </button>
            </p>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('review.title')}</caption>
              <thead>
                <tr>
                  {state === 'SUBMITTED' ? <th scope="col"><span className="visually-hidden">✓</span></th> : null}
                  <th scope="col">{t('review.name')}</th>
                  <th scope="col">{t('review.code')}</th>
                  <th scope="col">{t('review.grade')}</th>
                  <th scope="col">{t('review.state')}</th>
                  <th scope="col">{t('review.changed')}</th>
                  <th scope="col">{t('profile.versions.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.employeeId}>
                    {state === 'SUBMITTED' ? (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('review.selectRow', { name: i.nameEn })}
                          checked={selected.has(i.employeeId)}
                          onChange={(e) => setSelected((s) => { const n = new Set(s); if (e.target.checked) n.add(i.employeeId); else n.delete(i.employeeId); return n; })}
                        />
                      </td>
                    ) : null}
                    <th scope="row">
                      <Link to={`/profiles/${i.employeeId}`}>{i18n.language === 'hi' && i.nameHi ? i.nameHi : i.nameEn}</Link>
                    </th>
                    <td>{i.employeeCode}</td>
                    <td>{i.grade}</td>
                    <td><StateBadge state={i.state} /></td>
                    <td>{i.changedFields}</td>
                    <td>{formatDateTime(i.updatedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set('page', String(p))} />
        </>
      )}
    </Page>
  );
}

export function ReviewDetailPage() {
  const { t } = useTranslation();
  const { employeeId = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['profile-review', employeeId], queryFn: () => api<ProfileView>(`/api/v1/profiles/${employeeId}`) });
  const [mode, setMode] = useState<'validate' | 'correct' | 'return'>('validate');
  const [path, setPath] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [remarks, setRemarks] = useState('');
  const [done, setDone] = useState(false);
  const act = useMutation({
    mutationFn: () =>
      api(`/api/v1/profiles/${employeeId}/decision`, {
        method: 'POST',
        body: mode === 'validate' ? { action: 'validate', version: q.data!.version } : mode === 'correct' ? { action: 'correct', version: q.data!.version, corrections: { [path]: /^\d+$/.test(value) && /percent|year/i.test(path) ? Number(value) : value }, reason } : { action: 'return', version: q.data!.version, remarks },
      }),
    onSuccess: () => {
      setDone(true);
      void qc.invalidateQueries({ queryKey: ['profile-review', employeeId] });
      void qc.invalidateQueries({ queryKey: ['profiles'] });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const name = String(v.data?.personal?.nameEn ?? v.employeeCode);
  const err = act.error instanceof ProblemError ? act.error : null;
  const canAct = v.abilities.includes('profile.validate') && v.state === 'SUBMITTED';
  return (
    <Page title={t('review.detailTitle', { name })}>
      <p>
        <StateBadge state={v.state} /> <span className="muted">· {v.employeeCode}</span>
      </p>
      {v.changesSinceValidated.length ? <ChangesTable changes={v.changesSinceValidated} caption={t('profile.changesSinceValidated')} /> : <p className="muted">{v.validatedVersionNo ? t('profile.noChanges') : ''}</p>}
      {done ? <p className="alert alert-success" role="status">{t('review.done')}</p> : null}
      {canAct && !done ? (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate();
          }}
        >
          <fieldset>
            <legend>{t('review.state')}</legend>
            {(['validate', 'correct', 'return'] as const).map((m) => (
              <div key={m} className="field field-check">
                <input type="radio" id={`m-${m}`} name="mode" checked={mode === m} onChange={() => setMode(m)} />
                <label htmlFor={`m-${m}`}>{t(`review.${m}`)}</label>
              </div>
            ))}
          </fieldset>
          {mode === 'correct' ? (
            <>
              <p className="hint">{t('review.correctHint')}</p>
              <Field id="c-path" label={t('review.fieldPath')} hint="personal.mobile" error={err?.fieldMessage('corrections')}>
                {(p) => <input {...p} value={path} onChange={(e) => setPath(e.target.value)} list="c-paths" />}
              </Field>
              <datalist id="c-paths">
                {v.changesSinceValidated.map((c) => <option key={c.path} value={c.path} />)}
              </datalist>
              <Field id="c-value" label={t('review.value')}>
                {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} />}
              </Field>
              <Field id="c-reason" label={t('review.reason')} error={err?.fieldMessage('reason')}>
                {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
            </>
          ) : null}
          {mode === 'return' ? (
            <Field id="c-remarks" label={t('review.remarks')} error={err?.fieldMessage('remarks')}>
              {(p) => <textarea {...p} value={remarks} onChange={(e) => setRemarks(e.target.value)} />}
            </Field>
          ) : null}
          {act.error ? <ErrorBox error={act.error} /> : null}
          <button type="submit" className="btn btn-primary" disabled={act.isPending}>
            {t(`review.${mode}`)}
          </button>
        </form>
      ) : !done ? (
        <NextStep>{v.state === 'SUBMITTED' ? t('review.notYours') : t('review.waiting')}</NextStep>
      ) : null}
      <h2>{t('profile.versions.title')}</h2>
      <VersionsList employeeId={employeeId} />
      <p>
        <a className="btn btn-secondary" href={`/api/v1/profiles/${employeeId}/print`} target="_blank" rel="noopener">{t('profile.print')}</a>
      </p>
      <details>
        <summary>{t('review.current')}</summary>
        <pre className="pre-wrap">{JSON.stringify(v.data, null, 2)}</pre>
      </details>
    </Page>
  );
}
