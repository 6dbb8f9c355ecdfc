import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, NextStep, Page, Pager } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';

interface Window {
  id: number;
  cadre: string;
  ministryIds: number[] | null;
  opensOn: string;
  deadline: string;
  status: 'OPEN' | 'CLOSED';
  daysLeft: number | null;
  outcome: Record<string, number> | null;
}

export function WindowsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const cadres = me.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
  const [cadre, setCadre] = useState(cadres[0] ?? 'CSS');
  const [deadline, setDeadline] = useState('');
  const list = useQuery({ queryKey: ['windows'], queryFn: () => api<{ items: Window[] }>('/api/v1/validation-windows') });
  const open = useMutation({
    mutationFn: () => api<Window>('/api/v1/validation-windows', { method: 'POST', body: { cadre, deadline } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['windows'] }),
  });
  const err = open.error instanceof ProblemError ? open.error : null;
  return (
    <Page title={t('windows.title')} intro={t('windows.intro')}>
      {cadres.length ? (
        <form className="card" onSubmit={(e) => { e.preventDefault(); open.mutate(); }}>
          <Field id="w-cadre" label={t('windows.cadre')} error={err?.fieldMessage('cadre')}>
            {(p) => (
              <select {...p} value={cadre} onChange={(e) => setCadre(e.target.value)}>
                {cadres.map((c) => <option key={c}>{c}</option>)}
              </select>
            )}
          </Field>
          <Field id="w-deadline" label={t('windows.deadline')} error={err?.fieldMessage('deadline')}>
            {(p) => <input {...p} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
          </Field>
          {err && !err.field ? <ErrorBox error={err} /> : null}
          {open.isSuccess ? <p className="alert alert-success" role="status">{t('windows.opened')}</p> : null}
          <button type="submit" className="btn btn-primary" disabled={open.isPending}>{t('windows.open')}</button>
        </form>
      ) : null}
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} /> : list.data.items.length === 0 ? <p>{t('windows.none')}</p> : (
        <ul className="card-list">
          {list.data.items.map((w) => (
            <li key={w.id} className="card">
              <p>
                <strong>{w.cadre}</strong> · {t(`windows.status.${w.status}`)} · {t('windows.deadline')}: {formatDate(w.deadline, i18n.language)}
                {w.daysLeft != null ? ` · ${t('windows.daysLeft', { count: w.daysLeft })}` : ''}
              </p>
              {w.outcome ? <p>{t('windows.outcome', { deemedFinal: w.outcome.deemedFinal ?? 0, neverSubmitted: w.outcome.neverSubmitted ?? 0 })}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

interface StrengthRow {
  ministryId: number;
  ministryCode: string;
  ministryEn: string;
  ministryHi: string;
  grade: string;
  sanctioned: number | null;
  inPosition: number;
  registered: number;
  vacant: number | null;
}

export function StrengthPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['strength'], queryFn: () => api<{ asOn: string; items: StrengthRow[] }>('/api/v1/working-strength') });
  const [form, setForm] = useState({ ministryId: '', grade: '', effectiveFrom: '', sanctioned: '' });
  const set = useMutation({
    mutationFn: () => api('/api/v1/working-strength/sanctioned', { method: 'PUT', body: { ministryId: Number(form.ministryId), grade: form.grade.trim(), effectiveFrom: form.effectiveFrom, sanctioned: Number(form.sanctioned) } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['strength'] }),
  });
  const err = set.error instanceof ProblemError ? set.error : null;
  const isCa = hasAnyRole(me, ['CADRE_AUTHORITY']);
  const lang = i18n.language === 'hi' ? 'hi' : 'en';
  // the form names Ministries and grades (of the authority's cadres), not their ids
  const cadres = me.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []);
  const ministries = useQuery({ queryKey: ['masters', 'ministries', 'all'], enabled: isCa, staleTime: 600_000, queryFn: () => api<ApiPage<{ id: number; code: string; en: string; hi: string }>>('/api/v1/masters/ministries?pageSize=100&active=true') });
  const grades = useQuery({ queryKey: ['masters', 'grades'], enabled: isCa, staleTime: 3_600_000, queryFn: () => api<{ items: Array<{ code: string; cadre: string; en: string; hi: string }> }>('/api/v1/masters/grades') });
  return (
    <Page title={t('strength.title')} intro={t('strength.intro')}>
      <p className="actions">
        <a className="btn btn-secondary" href="/api/v1/working-strength?format=csv">{t('strength.csv')}</a>{' '}
        <a className="btn btn-secondary" href="/api/v1/working-strength?format=xlsx">{t('strength.xlsx')}</a>
      </p>
      {q.isPending ? <Loading /> : q.error ? <ErrorBox error={q.error} /> : q.data.items.length === 0 ? <p>{t('strength.none')}</p> : (
        <div className="table-wrap">
          <table>
            <caption>{formatDate(q.data.asOn, i18n.language)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('strength.ministry')}</th>
                <th scope="col">{t('strength.grade')}</th>
                <th scope="col">{t('strength.sanctioned')}</th>
                <th scope="col">{t('strength.inPosition')}</th>
                <th scope="col">{t('strength.registered')}</th>
                <th scope="col">{t('strength.vacant')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((r) => (
                <tr key={`${r.ministryId}-${r.grade}`}>
                  <th scope="row">{i18n.language === 'hi' ? r.ministryHi : r.ministryEn} <span className="muted">({r.ministryId})</span></th>
                  <td>{r.grade}</td>
                  <td>{r.sanctioned ?? '—'}</td>
                  <td>{r.inPosition}</td>
                  <td>{r.registered}</td>
                  <td>{r.vacant ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isCa ? (
        <form className="card" onSubmit={(e) => { e.preventDefault(); set.mutate(); }}>
          <h2>{t('strength.setTitle')}</h2>
          <Field id="s-ministryId" label={t('strength.ministryId')} error={err?.fieldMessage('ministryId')}>
            {(p) => (
              <select {...p} value={form.ministryId} onChange={(e) => setForm({ ...form, ministryId: e.target.value })} required>
                <option value="">{t('strength.choose')}</option>
                {(ministries.data?.items ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {lang === 'hi' ? m.hi : m.en} ({m.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="s-grade" label={t('strength.gradeCode')} error={err?.fieldMessage('grade')}>
            {(p) => (
              <select {...p} value={form.grade} onChange={(e) => setForm({ ...form, grade: e.target.value })} required>
                <option value="">{t('strength.choose')}</option>
                {(grades.data?.items ?? []).filter((g) => cadres.includes(g.cadre)).map((g) => (
                  <option key={g.code} value={g.code}>
                    {lang === 'hi' ? g.hi : g.en} ({g.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {(['effectiveFrom', 'sanctioned'] as const).map((k) => (
            <Field key={k} id={`s-${k}`} label={t(`strength.${k === 'effectiveFrom' ? 'from' : 'number'}`)} error={err?.fieldMessage(k)}>
              {(p) => <input {...p} type={k === 'effectiveFrom' ? 'date' : 'number'} min={k === 'sanctioned' ? 0 : undefined} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} required />}
            </Field>
          ))}
          {err && !err.field ? <ErrorBox error={err} /> : null}
          {set.isSuccess ? <p className="alert alert-success" role="status">{t('strength.setDone')}</p> : null}
          <button type="submit" className="btn btn-primary" disabled={set.isPending}>{t('strength.set')}</button>
        </form>
      ) : null}
    </Page>
  );
}

interface ImportSummary {
  id: number;
  status: 'PREVIEW' | 'COMMITTING' | 'COMMITTED' | 'DISCARDED';
  total: number;
  valid: number;
  invalid: number;
  newRows: number;
  changedRows: number;
  unchangedRows: number;
  firstErrors: Array<{ row: number; column: string; value: string; message: string }>;
  jobId: string | null;
  result: Record<string, number> | null;
  version: number;
}

export function RegistrationPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [imp, setImp] = useState<ImportSummary | null>(null);
  const [errPage, setErrPage] = useState(1);
  const upload = useMutation({
    mutationFn: () => {
      const xlsx = file!.name.toLowerCase().endsWith('.xlsx');
      return api<ImportSummary>(`/api/v1/registration/imports${qs({ filename: file!.name })}`, { method: 'POST', raw: { data: file!, contentType: xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' } });
    },
    onSuccess: (s) => { setImp(s); setErrPage(1); },
  });
  const errors = useQuery({
    queryKey: ['reg-errors', imp?.id, errPage],
    enabled: !!imp && imp.invalid > 0,
    queryFn: () => api<ApiPage<{ row: number; column: string; value: string; message: string }>>(`/api/v1/registration/imports/${imp!.id}/errors${qs({ page: errPage, pageSize: 50 })}`),
  });
  const commit = useMutation({
    mutationFn: (mode: 'ALL' | 'VALID_ONLY') => api<{ jobId: string }>(`/api/v1/registration/imports/${imp!.id}/commit`, { method: 'POST', body: { mode, version: imp!.version } }),
    onSuccess: () => setImp((i) => (i ? { ...i, status: 'COMMITTING' } : i)),
  });
  const progress = useQuery({
    queryKey: ['reg-progress', imp?.id],
    enabled: imp?.status === 'COMMITTING',
    refetchInterval: 1000,
    queryFn: async () => {
      const s = await api<ImportSummary>(`/api/v1/registration/imports/${imp!.id}`);
      const job = s.jobId ? await api<{ status: string; progress: { done?: number; of?: number } | null; lastError?: string | null }>(`/api/v1/jobs/${encodeURIComponent(s.jobId)}`).catch(() => null) : null;
      if (s.status !== 'COMMITTING') setImp(s);
      return { s, job };
    },
  });
  const p = progress.data?.job?.progress;
  return (
    <Page title={t('registration.title')} intro={t('registration.intro')}>
      <p className="actions">
        <a className="btn btn-secondary" href="/api/v1/registration/template?format=csv">{t('registration.template')} (CSV)</a>{' '}
        <a className="btn btn-secondary" href="/api/v1/registration/template?format=xlsx">{t('registration.template')} (Excel)</a>
      </p>
      <form className="card" onSubmit={(e) => { e.preventDefault(); if (file) upload.mutate(); }}>
        <Field id="r-file" label={t('registration.file')}>
          {(pp) => <input {...pp} type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        {upload.error ? <ErrorBox error={upload.error} /> : null}
        <button type="submit" className="btn btn-primary" disabled={!file || upload.isPending}>{t('registration.upload')}</button>
        {upload.isPending ? <Loading /> : null}
      </form>
      {imp ? (
        <section className="card" aria-live="polite">
          <p>{t('registration.summary', { total: imp.total, valid: imp.valid, newRows: imp.newRows, changedRows: imp.changedRows, unchangedRows: imp.unchangedRows, invalid: imp.invalid })}</p>
          {imp.status === 'PREVIEW' ? (
            <>
              <NextStep>{t('registration.next')}</NextStep>
              <p className="actions">
                <button type="button" className="btn btn-primary" disabled={imp.invalid > 0 || commit.isPending} onClick={() => commit.mutate('ALL')}>{t('registration.commitAll')}</button>{' '}
                <button type="button" className="btn btn-secondary" disabled={imp.valid === 0 || commit.isPending} onClick={() => commit.mutate('VALID_ONLY')}>{t('registration.commitValid')}</button>
              </p>
              {commit.error ? <ErrorBox error={commit.error} /> : null}
            </>
          ) : null}
          {imp.status === 'COMMITTING' ? (
            <div>
              <p role="status">{t('registration.committing', { done: p?.done ?? 0, of: p?.of ?? imp.valid })}</p>
              <progress max={p?.of ?? imp.valid} value={p?.done ?? 0} aria-label={t('registration.committing', { done: p?.done ?? 0, of: p?.of ?? imp.valid })} />
              {progress.data?.job?.status === 'FAILED' ? <p className="alert alert-error">{t('registration.failed', { error: progress.data.job.lastError ?? '' })}</p> : null}
            </div>
          ) : null}
          {imp.status === 'COMMITTED' && imp.result ? <p className="alert alert-success" role="status">{t('registration.committed', imp.result)}</p> : null}
          {imp.invalid > 0 && errors.data ? (
            <>
              <h2>{t('registration.errors')}</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('registration.row')}</th>
                      <th scope="col">{t('registration.column')}</th>
                      <th scope="col">{t('registration.value')}</th>
                      <th scope="col">{t('registration.why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {errors.data.items.map((e) => (
                      <tr key={`${e.row}-${e.column}-${e.message}`}>
                        <td>{e.row}</td>
                        <td><code>{e.column}</code></td>
                        <td>{e.value}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager page={errPage} pageSize={50} total={errors.data.total} onPage={setErrPage} />
            </>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

interface Correction {
  id: number;
  employeeId: string;
  employeeName: string;
  field: string;
  currentValue: string | null;
  proposedValue: string;
  reason: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  raisedAt: string;
  decisionReason: string | null;
  version: number;
}

const FIELDS = ['entryDate', 'presentGradeDate', 'ministryJoinDate', 'probationEnd', 'selectListYear'] as const;

export function CorrectionsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [form, setForm] = useState({ employeeId: '', field: 'entryDate', proposedValue: '', reason: '' });
  const [decision, setDecision] = useState<Record<number, string>>({});
  const list = useQuery({ queryKey: ['corrections', page], queryFn: () => api<ApiPage<Correction>>(`/api/v1/corrections${qs({ page, pageSize: 25 })}`) });
  const raise = useMutation({
    mutationFn: () => api('/api/v1/corrections', { method: 'POST', body: { ...(form.employeeId.trim() ? { employeeId: form.employeeId.trim() } : {}), field: form.field, proposedValue: form.proposedValue.trim(), reason: form.reason.trim() } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['corrections'] }),
  });
  const decide = useMutation({
    mutationFn: (a: { c: Correction; decision: 'ACCEPT' | 'REJECT' }) => api(`/api/v1/corrections/${a.c.id}/decision`, { method: 'POST', body: { decision: a.decision, reason: decision[a.c.id] ?? '', version: a.c.version } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['corrections'] }),
  });
  const err = raise.error instanceof ProblemError ? raise.error : null;
  const canRaise = hasAnyRole(me, ['EMPLOYEE', 'NODAL_OFFICER']);
  const canDecide = hasAnyRole(me, ['CADRE_AUTHORITY']);
  return (
    <Page title={t('corrections.title')} intro={t('corrections.intro')}>
      {canRaise ? (
        <form className="card" onSubmit={(e) => { e.preventDefault(); raise.mutate(); }}>
          {hasAnyRole(me, ['NODAL_OFFICER']) ? (
            <Field id="k-emp" label={t('corrections.employeeId')} error={err?.fieldMessage('employeeId')}>
              {(p) => <input {...p} value={form.employeeId} onChange={(e) => setForm({ ...form, employeeId: e.target.value })} />}
            </Field>
          ) : null}
          <Field id="k-field" label={t('corrections.field')}>
            {(p) => (
              <select {...p} value={form.field} onChange={(e) => setForm({ ...form, field: e.target.value })}>
                {FIELDS.map((f) => <option key={f} value={f}>{t(`corrections.fields.${f}`)}</option>)}
              </select>
            )}
          </Field>
          <Field id="k-value" label={t('corrections.proposed')} error={err?.fieldMessage('proposedValue')}>
            {(p) => <input {...p} type={form.field === 'selectListYear' ? 'number' : 'date'} value={form.proposedValue} onChange={(e) => setForm({ ...form, proposedValue: e.target.value })} />}
          </Field>
          <Field id="k-reason" label={t('corrections.reason')} error={err?.fieldMessage('reason')}>
            {(p) => <textarea {...p} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}
          </Field>
          {err && !err.field ? <ErrorBox error={err} /> : null}
          {raise.isSuccess ? <p className="alert alert-success" role="status">{t('corrections.raised')}</p> : null}
          <button type="submit" className="btn btn-primary" disabled={raise.isPending}>{t('corrections.raise')}</button>
        </form>
      ) : null}
      {decide.error ? <ErrorBox error={decide.error} /> : null}
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} /> : list.data.items.length === 0 ? <p>{t('corrections.none')}</p> : (
        <>
          <ul className="card-list">
            {list.data.items.map((c) => (
              <li key={c.id} className="card">
                <p>
                  <strong>{c.employeeName}</strong> · {t(`corrections.fields.${c.field}`, { defaultValue: c.field })} · {t(`corrections.status.${c.status}`)} · {formatDateTime(c.raisedAt, i18n.language)}
                </p>
                <p>{t('corrections.current')}: {c.currentValue ?? '—'} → {t('corrections.proposed')}: <strong>{c.proposedValue}</strong></p>
                <p className="muted">{c.reason}</p>
                {c.decisionReason ? <p>{t('corrections.decisionReason')}: {c.decisionReason}</p> : null}
                {canDecide && c.status === 'PENDING' ? (
                  <div>
                    <Field id={`d-${c.id}`} label={t('corrections.decisionReason')}>
                      {(p) => <input {...p} value={decision[c.id] ?? ''} onChange={(e) => setDecision({ ...decision, [c.id]: e.target.value })} />}
                    </Field>
                    <button type="button" className="btn btn-primary" onClick={() => decide.mutate({ c, decision: 'ACCEPT' })}>{t('corrections.accept')}</button>{' '}
                    <button type="button" className="btn btn-secondary" onClick={() => decide.mutate({ c, decision: 'REJECT' })}>{t('corrections.reject')}</button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </>
      )}
    </Page>
  );
}
