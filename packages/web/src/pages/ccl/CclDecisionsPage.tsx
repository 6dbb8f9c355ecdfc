import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, Page, Pager, pageParam, QueryItems } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { hasAnyRole, useMe } from '../../session.ts';
import { bi } from '../orders/parts.tsx';
import type { CclApplication, CclStatus } from '../orders/types.ts';
import { DecisionView } from './CclPage.tsx';

const STATUSES: readonly CclStatus[] = ['SUBMITTED', 'REFERRED', 'SANCTIONED', 'REFUSED', 'WITHDRAWN'];
const PAGE_SIZE = 20;

/**
 * The Nodal Officer's list of CCL applications of the Ministry. By default those awaiting a decision: submitted, and
 * referred by the engine to the sanctioning authority (a probationer's, a relaxation) — the ones that most need it.
 */
export function CclDecisionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const raw = params.get('status');
  const status = raw === 'ALL' ? '' : STATUSES.includes(raw as CclStatus) ? (raw as CclStatus) : 'PENDING';
  const q = useQuery({
    queryKey: ['ccl', 'decisions', status, page],
    queryFn: ({ signal }) => api<ApiPage<CclApplication>>(`/api/v1/ccl/applications${qs({ status, page, pageSize: PAGE_SIZE })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  return (
    <Page title={t('ccl.decisions.title')} intro={t('ccl.decisions.intro')}>
      <div className="toolbar">
        <label htmlFor={`${id}-status`}>{t('ccl.decisions.filter')}</label>{' '}
        <select id={`${id}-status`} value={status || 'ALL'} onChange={(e) => setParams({ status: e.target.value })}>
          <option value="PENDING">{t('ccl.decisions.pending')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ccl.status.${s}`)}
            </option>
          ))}
          <option value="ALL">{t('ccl.decisions.all')}</option>
        </select>
      </div>
      <QueryItems q={q} empty={t('ccl.decisions.empty')} unavailable={t('ccl.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('ccl.cols.employee')}</th>
                  <th scope="col">{t('ccl.cols.period')}</th>
                  <th scope="col">{t('ccl.cols.days')}</th>
                  <th scope="col">{t('ccl.cols.engine')}</th>
                  <th scope="col">{t('ccl.cols.status')}</th>
                  <th scope="col">{t('ccl.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <td data-label={t('ccl.cols.employee')}>
                      {bi(a.employee.name, lang)} <span className="muted small">· {a.employee.code}</span>
                    </td>
                    <td data-label={t('ccl.cols.period')}>{t('ccl.period', { from: formatDate(a.from, lang), to: formatDate(a.to, lang) })}</td>
                    <td data-label={t('ccl.cols.days')}>{a.days}</td>
                    <td data-label={t('ccl.cols.engine')}>{a.decision.outcome ? t(`ccl.outcome.${a.decision.outcome}`) : '—'}</td>
                    <td data-label={t('ccl.cols.status')}>{t(`ccl.status.${a.status}`)}</td>
                    <td data-label={t('ccl.cols.actions')}>
                      <Link to={`/ccl/applications/${encodeURIComponent(a.id)}`} className="btn btn-secondary">
                        {t('ccl.decisions.open')}
                        <span className="visually-hidden">: {bi(a.employee.name, lang)}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ status: status || 'ALL', page: String(p) })} />
          </>
        )}
      </QueryItems>
    </Page>
  );
}

/** The decision form; `onDone` tells the page (the form goes once the application is decided). */
function DecideForm({ a, onDone }: { a: CclApplication; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [choice, setChoice] = useState<'SANCTION' | 'REFUSE' | ''>('');
  const [reasons, setReasons] = useState('');
  const [justification, setJustification] = useState('');
  const [local, setLocal] = useState<{ field: string; msg: string } | null>(null);
  const m = useMutation({
    mutationFn: () =>
      api<CclApplication>(`/api/v1/ccl/applications/${encodeURIComponent(a.id)}/decide`, {
        method: 'POST',
        body: { decision: choice, version: a.version, ...(reasons.trim() ? { reasons: reasons.trim() } : {}), ...(justification.trim() ? { justification: justification.trim() } : {}) },
      }),
    onSuccess: async () => {
      onDone(t('ccl.detail.done'));
      await qc.invalidateQueries({ queryKey: ['ccl'] });
    },
    onError: async (e) => {
      if (e instanceof ProblemError && e.code === 'STALE_VERSION') await qc.invalidateQueries({ queryKey: ['ccl', 'application', a.id] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const err = (f: string) => (local?.field === f ? local.msg : pe?.fieldMessage(f));
  const legend = `${id}-legend`;
  /** a missing input: said at the field, and the focus goes there */
  const missing = (field: 'decision' | 'reasons' | 'justification', msg: string, focusId: string) => {
    setLocal({ field, msg });
    document.getElementById(focusId)?.focus();
  };
  const choose = (c: 'SANCTION' | 'REFUSE') => {
    setChoice(c);
    setLocal(null);
  };
  return (
    <form
      noValidate
      className="card rules-form"
      onSubmit={(e) => {
        e.preventDefault();
        onDone('');
        if (!choice) return missing('decision', t('ccl.detail.decisionRequired'), `${id}-sanction`);
        if (choice === 'REFUSE' && !reasons.trim()) return missing('reasons', t('ccl.detail.reasonsRequired'), `${id}-reasons`);
        if (choice === 'SANCTION' && a.probation && !justification.trim()) return missing('justification', t('ccl.detail.justificationRequired'), `${id}-just`);
        setLocal(null);
        m.mutate();
      }}
    >
      <fieldset aria-describedby={err('decision') ? `${id}-decision-error` : undefined}>
        <legend id={legend}>{t('ccl.detail.decide')}</legend>
        {err('decision') ? (
          <p id={`${id}-decision-error`} className="error-message">
            {err('decision')}
          </p>
        ) : null}
        <label>
          <input id={`${id}-sanction`} type="radio" name="decision" value="SANCTION" checked={choice === 'SANCTION'} onChange={() => choose('SANCTION')} /> {t('ccl.detail.sanction')}
        </label>{' '}
        <label>
          <input type="radio" name="decision" value="REFUSE" checked={choice === 'REFUSE'} onChange={() => choose('REFUSE')} /> {t('ccl.detail.refuse')}
        </label>
      </fieldset>
      {choice === 'REFUSE' ? (
        <Field id={`${id}-reasons`} label={t('ccl.detail.reasons')} hint={t('ccl.detail.reasonsHint')} error={err('reasons')}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} value={reasons} onChange={(e) => setReasons(e.target.value)} required />}
        </Field>
      ) : null}
      {choice === 'SANCTION' ? (
        <Field id={`${id}-just`} label={t('ccl.detail.justificationLabel')} hint={t('ccl.detail.justificationHint')} error={err('justification')}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} value={justification} onChange={(e) => setJustification(e.target.value)} required={a.probation} />}
        </Field>
      ) : null}
      {pe?.code === 'STALE_VERSION' ? (
        <div className="alert alert-error" role="alert">
          <p>{t('ccl.detail.stale')}</p>
        </div>
      ) : m.error && !pe?.field ? (
        <ErrorBox error={m.error} />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('ccl.detail.record')}
        </button>
      </div>
    </form>
  );
}

/** One application: the engine's reasons, the decision so far, and the decision form for the Nodal Officer. */
export function CclApplicationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['ccl', 'application', id], queryFn: ({ signal }) => api<CclApplication>(`/api/v1/ccl/applications/${encodeURIComponent(id)}`, { signal }), retry: false });
  const a = q.data;
  const me = useMe();
  // the applicant goes back to their CCL page; the Nodal Officer (or cadre authority) to the decisions, decided or not
  const back = a && a.employee.id === me.data?.user.employeeId ? '/ccl' : hasAnyRole(me.data, ['NODAL_OFFICER']) ? '/ccl/decisions' : undefined;
  // outside the form: the form goes away once the application is decided, the confirmation stays
  const [done, setDone] = useState('');
  return (
    <Page title={t('ccl.detail.title')}>
      <p role="status" className={done ? 'alert alert-success' : undefined}>
        {done}
      </p>
      {a ? (
        <>
          <dl className="summary">
            <div className="summary-row">
              <dt>{t('ccl.detail.applicant')}</dt>
              <dd>
                {bi(a.employee.name, lang)} · {a.employee.code}
              </dd>
            </div>
            <div className="summary-row">
              <dt>{t('ccl.cols.child')}</dt>
              <dd>{a.child.name}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('ccl.cols.period')}</dt>
              <dd>
                {t('ccl.period', { from: formatDate(a.from, lang), to: formatDate(a.to, lang) })} ({a.days})
              </dd>
            </div>
            <div className="summary-row">
              <dt>{t('ccl.cols.status')}</dt>
              <dd>
                <strong>{t(`ccl.status.${a.status}`)}</strong>
              </dd>
            </div>
            <div className="summary-row">
              <dt>{t('ccl.detail.submittedAt')}</dt>
              <dd>{formatDateTime(a.submittedAt, lang)}</dd>
            </div>
            {a.decidedAt ? (
              <div className="summary-row">
                <dt>{t('ccl.detail.decidedAt')}</dt>
                <dd>{formatDateTime(a.decidedAt, lang)}</dd>
              </div>
            ) : null}
            {a.purpose ? (
              <div className="summary-row">
                <dt>{t('ccl.detail.purpose')}</dt>
                <dd>{a.purpose}</dd>
              </div>
            ) : null}
            {a.decision.justificationGiven ? (
              <div className="summary-row">
                <dt>{t('ccl.detail.justificationGiven')}</dt>
                <dd>{a.decision.justificationGiven}</dd>
              </div>
            ) : null}
            {a.justification ? (
              <div className="summary-row">
                <dt>{t('ccl.detail.justification')}</dt>
                <dd>{a.justification}</dd>
              </div>
            ) : null}
            {a.refusalReasons ? (
              <div className="summary-row">
                <dt>{t('ccl.detail.refusalReasons')}</dt>
                <dd>{a.refusalReasons}</dd>
              </div>
            ) : null}
          </dl>
          {a.probation ? (
            <div className="alert alert-info" role="note">
              <p>{t('ccl.detail.probation')}</p>
            </div>
          ) : null}
          <h2>{t('ccl.detail.engineReasons')}</h2>
          <DecisionView decision={a.decision} />
          {a.abilities.includes('ccl.decide') ? <DecideForm key={a.version} a={a} onDone={setDone} /> : null}
          {back ? (
            <p>
              <Link to={back}>{t('ccl.detail.back')}</Link>
            </p>
          ) : null}
        </>
      ) : q.error ? (
        <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
