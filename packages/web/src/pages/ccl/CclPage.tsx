import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, Page, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { ReasonList } from '../orders/parts.tsx';
import type { CclAccount, CclApplication, CclDecision } from '../orders/types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Draft {
  childId: string;
  from: string;
  to: string;
  childInPatient: boolean;
  justification: string;
  purpose: string;
}

function body(d: Draft) {
  return {
    childId: Number(d.childId),
    from: d.from,
    to: d.to,
    ...(d.childInPatient ? { childInPatient: true } : {}),
    ...(d.justification.trim() ? { justification: d.justification.trim() } : {}),
  };
}

const ready = (d: Draft) => !!d.childId && DATE.test(d.from) && DATE.test(d.to) && d.to >= d.from;

/** The engine's answer: outcome, days and split, and every reason with its citation. */
export function DecisionView({ decision, headingId }: { decision: Partial<CclDecision>; headingId?: string }) {
  const { t } = useTranslation();
  if (!decision.outcome) return null;
  const cls = decision.outcome === 'ADMISSIBLE' ? 'alert alert-success' : decision.outcome === 'REFER' ? 'alert alert-info' : 'alert alert-error';
  return (
    <div className={cls}>
      <p className="alert-title" id={headingId}>
        {t(`ccl.outcome.${decision.outcome}`)}
      </p>
      {decision.days != null ? (
        <p>
          {t('ccl.outcomeDays', { days: decision.days, at100: decision.daysAt100, at80: decision.daysAt80, balance: decision.balanceAfter, spell: decision.spellNumber, allowed: decision.spellsAllowed })}
        </p>
      ) : null}
      <ReasonList reasons={decision.reasons ?? []} />
    </div>
  );
}

function AccountCard({ account }: { account: CclAccount }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="ccl-account">
      <h2 id="ccl-account">{t('ccl.account')}</h2>
      <p className="muted small">{t('ccl.accountAsOn', { date: formatDate(account.asOn, i18n.language) })}</p>
      <dl className="summary">
        <div className="summary-row">
          <dt>{t('ccl.balance')}</dt>
          <dd>
            <strong>{account.balance}</strong>
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('ccl.used')}</dt>
          <dd>{account.daysUsed}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('ccl.booked')}</dt>
          <dd>{account.daysBooked}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('ccl.pending')}</dt>
          <dd>{account.pendingDays}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('ccl.spellsThisYear')}</dt>
          <dd>{account.spellsThisYear}</dd>
        </div>
      </dl>
      <p className="small">{t('ccl.split', { at100: account.daysAt100, at80: account.daysAt80 })}</p>
    </section>
  );
}

function ApplyForm({ account }: { account: CclAccount }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [d, setD] = useState<Draft>({ childId: account.children.length === 1 ? String(account.children[0].id) : '', from: '', to: '', childInPatient: false, justification: '', purpose: '' });
  const [debounced, setDebounced] = useState(d);
  const [done, setDone] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(d), 350);
    return () => clearTimeout(h);
  }, [d]);
  const check = useQuery({
    queryKey: ['ccl', 'check', body(debounced)],
    queryFn: ({ signal }) => api<CclDecision>('/api/v1/ccl/check', { method: 'POST', body: body(debounced), signal }),
    enabled: ready(debounced),
    retry: false,
  });
  const submit = useMutation({
    mutationFn: () => api<CclApplication>('/api/v1/ccl/applications', { method: 'POST', body: { ...body(d), purpose: d.purpose.trim() } }),
    onSuccess: async (a) => {
      setDone(t('ccl.submitted', { status: t(`ccl.status.${a.status}`) }));
      setD((x) => ({ ...x, from: '', to: '', justification: '', purpose: '', childInPatient: false }));
      setTried(false);
      await qc.invalidateQueries({ queryKey: ['ccl'] });
    },
  });
  const serverErr = submit.error instanceof ProblemError ? submit.error : check.error instanceof ProblemError ? check.error : null;
  const err = (name: keyof Draft) => {
    if (tried && (name === 'childId' || name === 'from' || name === 'to') && !d[name]) return t('ccl.required');
    return serverErr?.fieldMessage(name);
  };
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));
  const answerId = `${id}-answer`;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ccl.apply')}</h2>
      <form
        noValidate
        className="rules-form"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          setDone('');
          if (!ready(d)) return;
          submit.mutate();
        }}
      >
        <Field id={`${id}-child`} label={t('ccl.child')} hint={t('ccl.childHint')} error={err('childId')}>
          {(p) => (
            <select {...p} value={d.childId} onChange={set('childId')} required>
              <option value="">—</option>
              {account.children.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name} ({formatDate(c.dateOfBirth, i18n.language)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filter-grid">
          <Field id={`${id}-from`} label={t('ccl.from')} hint={t('ccl.dateHint')} error={err('from')}>
            {(p) => <input {...p} type="date" value={d.from} onChange={set('from')} required />}
          </Field>
          <Field id={`${id}-to`} label={t('ccl.to')} error={err('to')}>
            {(p) => <input {...p} type="date" value={d.to} min={d.from || undefined} onChange={set('to')} required />}
          </Field>
        </div>
        <div className="field rules-check">
          <label>
            <input type="checkbox" checked={d.childInPatient} onChange={(e) => setD((x) => ({ ...x, childInPatient: e.target.checked }))} aria-describedby={`${id}-inp-hint`} /> {t('ccl.inPatient')}
          </label>
          <p id={`${id}-inp-hint`} className="hint">
            {t('ccl.inPatientHint')}
          </p>
        </div>
        <Field id={`${id}-just`} label={t('ccl.justification')} hint={t('ccl.justificationHint')} error={err('justification')}>
          {(p) => <textarea {...p} rows={3} maxLength={2000} value={d.justification} onChange={set('justification')} />}
        </Field>
        <Field id={`${id}-purpose`} label={t('ccl.purpose')} error={err('purpose')}>
          {(p) => <textarea {...p} rows={2} maxLength={2000} value={d.purpose} onChange={set('purpose')} />}
        </Field>

        <section aria-labelledby={answerId} aria-live="polite" className="ccl-answer">
          <h3 id={answerId} className="visually-hidden">
            {t('ccl.answer')}
          </h3>
          {!ready(debounced) ? (
            <p className="muted">{t('ccl.fillToCheck')}</p>
          ) : check.isFetching && !check.data ? (
            <Loading label={t('ccl.checking')} />
          ) : check.data ? (
            <DecisionView decision={check.data} />
          ) : check.error && !(check.error instanceof ProblemError && check.error.field) ? (
            <ErrorBox error={check.error} />
          ) : null}
        </section>

        {submit.error && !(submit.error instanceof ProblemError && submit.error.field) ? <ErrorBox error={submit.error} /> : null}
        <p role="status">{done}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={submit.isPending || check.data?.outcome === 'NOT_ADMISSIBLE'}>
            {t('ccl.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The employee's own applications (a Nodal Officer who is also an employee sees the Ministry's on the decisions page, not here). */
function MyApplications({ employeeId }: { employeeId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const q = useQuery({
    queryKey: ['ccl', 'mine', employeeId],
    queryFn: ({ signal }) => api<ApiPage<CclApplication>>(`/api/v1/ccl/applications${qs({ employeeId, pageSize: 50 })}`, { signal }),
    retry: false,
  });
  const w = useMutation({
    mutationFn: (a: CclApplication) => api<CclApplication>(`/api/v1/ccl/applications/${encodeURIComponent(a.id)}/withdraw`, { method: 'POST', body: { version: a.version } }),
    onSuccess: async () => {
      setNote(t('ccl.withdrawn'));
      await qc.invalidateQueries({ queryKey: ['ccl'] });
    },
  });
  const mine = q.data?.items ?? [];
  return (
    <section aria-labelledby="ccl-mine" className="rules-section">
      <h2 id="ccl-mine">{t('ccl.myApplications')}</h2>
      <p role="status" className="visually-hidden">
        {note}
      </p>
      {w.error ? <ErrorBox error={w.error} /> : null}
      {q.data ? (
        mine.length === 0 ? (
          <p className="empty">{t('ccl.noApplications')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('ccl.cols.period')}</th>
                <th scope="col">{t('ccl.cols.child')}</th>
                <th scope="col">{t('ccl.cols.days')}</th>
                <th scope="col">{t('ccl.cols.status')}</th>
                <th scope="col">{t('ccl.cols.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('ccl.cols.period')}>
                    <Link to={`/ccl/applications/${encodeURIComponent(a.id)}`}>{t('ccl.period', { from: formatDate(a.from, i18n.language), to: formatDate(a.to, i18n.language) })}</Link>
                  </td>
                  <td data-label={t('ccl.cols.child')}>{a.child.name}</td>
                  <td data-label={t('ccl.cols.days')}>{a.days}</td>
                  <td data-label={t('ccl.cols.status')}>{t(`ccl.status.${a.status}`)}</td>
                  <td data-label={t('ccl.cols.actions')}>
                    {a.abilities.includes('ccl.withdraw') ? (
                      <button type="button" className="btn btn-link" onClick={() => w.mutate(a)} disabled={w.isPending}>
                        {t('ccl.withdraw')}
                        <span className="visually-hidden">: {t('ccl.period', { from: a.from, to: a.to })}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('ccl.unavailable')} />
      )}
    </section>
  );
}

/** The employee's Child Care Leave page: account, apply form with the live eligibility answer, applications. */
export function CclPage() {
  const { t } = useTranslation();
  const acc = useQuery({ queryKey: ['ccl', 'account'], queryFn: ({ signal }) => api<CclAccount>('/api/v1/ccl/account', { signal }), retry: false });
  return (
    <Page title={t('ccl.title')} intro={t('ccl.intro')}>
      {acc.data ? (
        <>
          <AccountCard account={acc.data} />
          {acc.data.children.length === 0 ? (
            <div className="alert alert-info" role="note">
              <p>{t('ccl.noChildren')}</p>
            </div>
          ) : (
            <ApplyForm account={acc.data} />
          )}
          <MyApplications employeeId={acc.data.employeeId} />
        </>
      ) : (
        <QueryState error={acc.error} isPending={acc.isPending} refetch={() => void acc.refetch()} unavailable={t('ccl.unavailable')} />
      )}
    </Page>
  );
}
