import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Me, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, NextStep, Page, Pager, pageParam, QueryItems, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';
import { bi, ReasonList } from '../orders/parts.tsx';
import type { Reason } from '../orders/types.ts';
import { type Clearance, ClearanceBox } from '../vigilance/VigilancePage.tsx';
import { RouteRulesSection } from './RouteRules.tsx';

const STATES = ['SUBMITTED', 'DEFICIENCY_MEMO', 'UNDER_EXAMINATION', 'FORWARDED_TO_CADRE_AUTHORITY', 'APPROVED', 'REFUSED', 'WITHDRAWN'] as const;
const SOURCES = ['OWN', 'FAMILY', 'HOST', 'SPONSOR', 'OTHER'] as const;
const LEAVES = ['EARNED_LEAVE', 'HALF_PAY_LEAVE', 'COMMUTED_LEAVE', 'EXTRAORDINARY_LEAVE', 'CHILD_CARE_LEAVE', 'CASUAL_LEAVE', 'OTHER'] as const;

interface Application {
  countries: string[];
  departureOn: string;
  returnOn: string;
  purpose: string;
  funding: { source: string; details?: string; estimateRupees: number };
  leave: Array<{ type: string; from: string; to: string }>;
  addressAbroad: string;
  previousVisits: Array<{ countries: string[]; from: string; to: string; purpose?: string; permissionRef?: string }>;
}

interface Fv {
  id: string;
  employee: { id: string; code: string; name: { en: string; hi: string }; grade: string };
  state: (typeof STATES)[number] | 'DRAFT';
  countries: string[];
  departureOn: string;
  returnOn: string;
  route: { reason: Reason; forwardToCadreAuthority: boolean; needsAvdClearance: boolean };
  sla: { deficiencyMemoDueOn?: string; decisionDueOn?: string; clockStopped: boolean; overdue: boolean; reasons: Reason[] };
  receivedOn: string | null;
  completeOn: string | null;
  version: number;
  abilities: string[];
  application?: Application;
  deficiencyMemos?: Array<{ on: string; items: string[]; late: boolean; resubmittedOn?: string }>;
  avdClearance?: Clearance | null;
  decision?: { decision: 'APPROVED' | 'REFUSED'; reasons: string | null; decidedOn: string | null; vigilance: Clearance | null } | null;
  certificateCode?: string | null;
}

/** The list: mine (employee) or those to act on (Nodal Officer, cadre authority, AVD), with the due dates. */
export function ForeignVisitsPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const officer = hasAnyRole(me, ['NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD']);
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const raw = params.get('state') ?? '';
  const state = (STATES as readonly string[]).includes(raw) ? raw : '';
  const q = useQuery({
    queryKey: ['fv', 'list', state, page],
    queryFn: ({ signal }) => api<ApiPage<Fv>>(`/api/v1/foreign-visits${qs({ state, page, pageSize: 20 })}`, { signal }),
    placeholderData: (p) => p,
    retry: false,
  });
  return (
    <Page title={officer ? t('fv.officerTitle') : t('fv.title')} intro={officer ? t('fv.officerIntro') : t('fv.intro')}>
      <div className="toolbar">
        {hasAnyRole(me, ['EMPLOYEE']) ? (
          <Link className="btn btn-primary" to="/foreign-visits/new">
            {t('fv.apply')}
          </Link>
        ) : null}{' '}
        <label htmlFor={`${id}-s`}>{t('fv.filter')}</label>{' '}
        <select id={`${id}-s`} value={state} onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}>
          <option value="">{t('fv.all')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`fv.states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryItems q={q} empty={t('fv.none')} unavailable={t('fv.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('fv.cols.employee')}</th>
                  <th scope="col">{t('fv.cols.countries')}</th>
                  <th scope="col">{t('fv.cols.period')}</th>
                  <th scope="col">{t('fv.cols.state')}</th>
                  <th scope="col">{t('fv.cols.due')}</th>
                  <th scope="col">{t('fv.cols.open')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => {
                  const due = a.sla.decisionDueOn ?? a.sla.deficiencyMemoDueOn;
                  return (
                    <tr key={a.id}>
                      <td data-label={t('fv.cols.employee')}>
                        {bi(a.employee.name, lang)} <span className="muted small">· {a.employee.code}</span>
                      </td>
                      <td data-label={t('fv.cols.countries')}>{a.countries.join(', ')}</td>
                      <td data-label={t('fv.cols.period')}>
                        {formatDate(a.departureOn, lang)} – {formatDate(a.returnOn, lang)}
                      </td>
                      <td data-label={t('fv.cols.state')}>{t(`fv.states.${a.state}`)}</td>
                      <td data-label={t('fv.cols.due')}>
                        {due ? formatDate(due, lang) : '—'}
                        {a.sla.overdue ? <strong className="tag tag-off"> {t('fv.overdue')}</strong> : null}
                      </td>
                      <td data-label={t('fv.cols.open')}>
                        <Link className="btn btn-secondary" to={`/foreign-visits/${a.id}`}>
                          {t('fv.open')}
                          <span className="visually-hidden">: {a.employee.code} {a.countries.join(', ')}</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ ...(state ? { state } : {}), page: String(p) })} />
          </>
        )}
      </QueryItems>
      {hasAnyRole(me, ['CADRE_AUTHORITY', 'NODAL_OFFICER']) ? <RouteRulesSection me={me} /> : null}
      <NextStep>{officer ? t('fv.officerIntro') : t('fv.next.SUBMITTED')}</NextStep>
    </Page>
  );
}

interface Form {
  countries: string;
  departureOn: string;
  returnOn: string;
  purpose: string;
  source: string;
  details: string;
  estimate: string;
  leaveType: string;
  leaveFrom: string;
  leaveTo: string;
  address: string;
  previous: Array<{ countries: string; from: string; to: string; permissionRef?: string }>;
}

function toForm(a?: Application): Form {
  return {
    countries: a?.countries.join(', ') ?? '',
    departureOn: a?.departureOn ?? '',
    returnOn: a?.returnOn ?? '',
    purpose: a?.purpose ?? '',
    source: a?.funding.source ?? 'OWN',
    details: a?.funding.details ?? '',
    estimate: a ? String(a.funding.estimateRupees) : '',
    leaveType: a?.leave[0]?.type ?? 'EARNED_LEAVE',
    leaveFrom: a?.leave[0]?.from ?? '',
    leaveTo: a?.leave[0]?.to ?? '',
    address: a?.addressAbroad ?? '',
    previous: (a?.previousVisits ?? []).map((v) => ({ countries: v.countries.join(', '), from: v.from, to: v.to, ...(v.permissionRef ? { permissionRef: v.permissionRef } : {}) })),
  };
}

function fromForm(f: Form): Application {
  const codes = (s: string) => s.split(/[,\s]+/).map((x) => x.trim().toUpperCase()).filter(Boolean);
  return {
    countries: codes(f.countries),
    departureOn: f.departureOn,
    returnOn: f.returnOn,
    purpose: f.purpose.trim(),
    funding: { source: f.source, ...(f.details.trim() ? { details: f.details.trim() } : {}), estimateRupees: Math.round(Number(f.estimate) || 0) },
    leave: f.leaveType && f.leaveFrom && f.leaveTo ? [{ type: f.leaveType, from: f.leaveFrom, to: f.leaveTo }] : [],
    addressAbroad: f.address.trim(),
    previousVisits: f.previous.map((v) => ({ countries: codes(v.countries), from: v.from, to: v.to, ...(v.permissionRef ? { permissionRef: v.permissionRef } : {}) })),
  };
}

/** The application form (also used to make good a deficiency memo). */
function ApplicationForm({ initial, onSubmit, pending, error, submitLabel }: { initial: Form; onSubmit: (a: Application) => void; pending: boolean; error: unknown; submitLabel: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState(initial);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const pe = error instanceof ProblemError ? error : null;
  const err = (k: string) => pe?.fieldMessage(k) ?? pe?.fieldMessage(`application.${k}`);
  const input = (k: keyof Form, label: string, field: string, opts: { type?: string; hint?: string; max?: number } = {}) => (
    <Field id={`${id}-${k}`} label={label} hint={opts.hint} error={err(field)}>
      {(p) => <input {...p} type={opts.type ?? 'text'} value={f[k] as string} onChange={set(k)} maxLength={opts.max ?? 1000} />}
    </Field>
  );
  return (
    <form
      noValidate
      className="rules-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(fromForm(f));
      }}
    >
      {input('countries', t('fv.form.countries'), 'countries', { hint: t('fv.form.countriesHint') })}
      <div className="filter-grid">
        {input('departureOn', t('fv.form.departureOn'), 'departureOn', { type: 'date', hint: t('fv.form.dateHint') })}
        {input('returnOn', t('fv.form.returnOn'), 'returnOn', { type: 'date', hint: t('fv.form.dateHint') })}
      </div>
      <Field id={`${id}-purpose`} label={t('fv.form.purpose')} error={err('purpose')}>
        {(p) => <textarea {...p} rows={2} value={f.purpose} onChange={set('purpose')} maxLength={1000} />}
      </Field>
      <div className="filter-grid">
        <Field id={`${id}-source`} label={t('fv.form.source')} error={err('funding.source')}>
          {(p) => (
            <select {...p} value={f.source} onChange={set('source')}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`fv.form.sources.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('estimate', t('fv.form.estimate'), 'funding.estimateRupees', { type: 'number' })}
      </div>
      {input('details', t('fv.form.details'), 'funding.details', { hint: t('fv.form.detailsHint'), max: 500 })}
      <div className="filter-grid">
        <Field id={`${id}-lt`} label={t('fv.form.leaveType')} error={err('leave.0.type')}>
          {(p) => (
            <select {...p} value={f.leaveType} onChange={set('leaveType')}>
              <option value="">{t('fv.form.leaveNone')}</option>
              {LEAVES.map((s) => (
                <option key={s} value={s}>
                  {t(`fv.form.leaveTypes.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {f.leaveType ? input('leaveFrom', t('fv.form.leaveFrom'), 'leave.0.from', { type: 'date' }) : null}
        {f.leaveType ? input('leaveTo', t('fv.form.leaveTo'), 'leave.0.to', { type: 'date' }) : null}
      </div>
      <Field id={`${id}-address`} label={t('fv.form.address')} error={err('addressAbroad')}>
        {(p) => <textarea {...p} rows={2} value={f.address} onChange={set('address')} maxLength={1000} />}
      </Field>
      <fieldset className="card">
        <legend>{t('fv.form.previous')}</legend>
        <p className="hint">{t('fv.form.previousHint')}</p>
        {f.previous.length === 0 ? <p className="muted">{t('fv.form.previousNone')}</p> : null}
        {f.previous.map((v, i) => {
          const upd = (k: 'countries' | 'from' | 'to') => (e: { target: { value: string } }) =>
            setF((x) => ({ ...x, previous: x.previous.map((y, j) => (j === i ? { ...y, [k]: e.target.value } : y)) }));
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: visits are edited in place
            <div key={i} className="filter-grid">
              <Field id={`${id}-pv${i}c`} label={`${t('fv.form.previousCountries')} ${i + 1}`} error={err(`previousVisits.${i}.countries`)}>
                {(p) => <input {...p} value={v.countries} onChange={upd('countries')} />}
              </Field>
              <Field id={`${id}-pv${i}f`} label={t('fv.form.previousFrom')} error={err(`previousVisits.${i}.from`)}>
                {(p) => <input {...p} type="date" value={v.from} onChange={upd('from')} />}
              </Field>
              <Field id={`${id}-pv${i}t`} label={t('fv.form.previousTo')} error={err(`previousVisits.${i}.to`)}>
                {(p) => <input {...p} type="date" value={v.to} onChange={upd('to')} />}
              </Field>
              <button type="button" className="btn btn-secondary" onClick={() => setF((x) => ({ ...x, previous: x.previous.filter((_, j) => j !== i) }))}>
                {t('fv.form.removePrevious', { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <button type="button" className="btn btn-secondary" onClick={() => setF((x) => ({ ...x, previous: [...x.previous, { countries: '', from: '', to: '' }] }))}>
          {t('fv.form.addPrevious')}
        </button>
      </fieldset>
      {pe ? (
        <p className="error-message" role="alert">
          {pe.detail}
        </p>
      ) : error ? (
        <ErrorBox error={error} />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

export function ForeignVisitApplyPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const prev = useQuery({
    queryKey: ['fv', 'previous'],
    queryFn: ({ signal }) => api<{ visits: Application['previousVisits'] }>('/api/v1/foreign-visits/previous-visits', { signal }),
    retry: false,
  });
  const initial: Form = {
    ...toForm(),
    previous: (prev.data?.visits ?? []).map((v) => ({ countries: v.countries.join(', '), from: v.from, to: v.to, ...(v.permissionRef ? { permissionRef: v.permissionRef } : {}) })),
  };
  const m = useMutation({
    mutationFn: (a: Application) => api<Fv>('/api/v1/foreign-visits', { method: 'POST', body: a }),
    onSuccess: async (x) => {
      await qc.invalidateQueries({ queryKey: ['fv'] });
      nav(`/foreign-visits/${x.id}`);
    },
  });
  return (
    <Page title={t('fv.form.title')} intro={t('fv.intro')}>
      {prev.isPending ? (
        <Loading />
      ) : (
        <ApplicationForm initial={initial} onSubmit={(a) => m.mutate(a)} pending={m.isPending} error={m.error} submitLabel={t('fv.form.submit')} />
      )}
      {prev.error ? <ErrorBox error={prev.error} /> : null}
      <NextStep>{t('fv.next.SUBMITTED')}</NextStep>
      <p>
        <Link to="/foreign-visits">{t('fv.detail.back')}</Link>
      </p>
    </Page>
  );
}

function Actions({ a }: { a: Fv }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [items, setItems] = useState('');
  const [reasons, setReasons] = useState('');
  const [done, setDone] = useState('');
  const m = useMutation({
    mutationFn: ({ path, body }: { path: string; body: Record<string, unknown> }) => api<Fv>(`/api/v1/foreign-visits/${a.id}/${path}`, { method: 'POST', body: { version: a.version, ...body } }),
    onSuccess: async (x) => {
      setDone(t('fv.detail.done'));
      qc.setQueryData(['fv', 'one', a.id], x);
      await qc.invalidateQueries({ queryKey: ['fv', 'list'] });
    },
    onError: async (e) => {
      if (e instanceof ProblemError && e.code === 'STALE_VERSION') await qc.invalidateQueries({ queryKey: ['fv', 'one', a.id] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const can = (x: string) => a.abilities.includes(x);
  const go = (path: string, body: Record<string, unknown> = {}) => {
    setDone('');
    m.mutate({ path, body });
  };
  if (!['withdraw', 'raiseDeficiency', 'markComplete', 'avdClear', 'forward', 'approve', 'refuse', 'resubmit'].some(can)) return null;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('common.nextStep')}</h2>
      {can('resubmit') && a.application ? (
        <ApplicationForm initial={toForm(a.application)} onSubmit={(app) => go('resubmit', { application: app })} pending={m.isPending} error={m.error} submitLabel={t('fv.form.resubmit')} />
      ) : null}
      {can('raiseDeficiency') ? (
        <form
          noValidate
          className="rules-form"
          onSubmit={(e) => {
            e.preventDefault();
            go('deficiency', { deficiencies: items.split('\n').map((x) => x.trim()).filter(Boolean) });
          }}
        >
          <Field id={`${id}-def`} label={t('fv.act.deficiencies')} error={pe?.fieldMessage('deficiencies') ?? pe?.fieldMessage('deficiencies.0')}>
            {(p) => <textarea {...p} rows={3} value={items} onChange={(e) => setItems(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={m.isPending}>
            {t('fv.act.raiseDeficiency')}
          </button>
        </form>
      ) : null}
      <div className="toolbar">
        {can('markComplete') ? (
          <button type="button" className="btn btn-primary" disabled={m.isPending} onClick={() => go('complete')}>
            {t('fv.act.markComplete')}
          </button>
        ) : null}
        {can('avdClear') ? (
          <button type="button" className="btn btn-primary" disabled={m.isPending} onClick={() => go('vigilance-clearance')}>
            {t('fv.act.avdClear')}
          </button>
        ) : null}
        {can('forward') ? (
          <button type="button" className="btn btn-primary" disabled={m.isPending} onClick={() => go('forward')}>
            {t('fv.act.forward')}
          </button>
        ) : null}
        {can('approve') ? (
          <button type="button" className="btn btn-primary" disabled={m.isPending} onClick={() => go('decision', { decision: 'APPROVE' })}>
            {t('fv.act.approve')}
          </button>
        ) : null}
        {can('withdraw') ? (
          <button type="button" className="btn btn-secondary" disabled={m.isPending} onClick={() => go('withdraw')}>
            {t('fv.act.withdraw')}
          </button>
        ) : null}
      </div>
      {can('refuse') ? (
        <form
          noValidate
          className="rules-form"
          onSubmit={(e) => {
            e.preventDefault();
            go('decision', { decision: 'REFUSE', reasons: reasons.trim() });
          }}
        >
          <Field id={`${id}-rr`} label={t('fv.act.reasons')} hint={t('fv.act.reasonsHint')} error={pe?.fieldMessage('reasons')}>
            {(p) => <textarea {...p} rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} maxLength={4000} />}
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={m.isPending}>
            {t('fv.act.refuse')}
          </button>
        </form>
      ) : null}
      {pe && !pe.fieldMessage('reasons') && !pe.fieldMessage('deficiencies') ? <ErrorBox error={pe} /> : m.error && !pe ? <ErrorBox error={m.error} /> : null}
      {done ? (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}

export function ForeignVisitPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['fv', 'one', id], queryFn: ({ signal }) => api<Fv>(`/api/v1/foreign-visits/${encodeURIComponent(id)}`, { signal }), retry: false });
  const a = q.data;
  const d = (x?: string | null) => (x ? formatDate(x, lang) : '—');
  return (
    <Page title={t('fv.detail.title')}>
      {a ? (
        <>
          <p>
            <strong>{bi(a.employee.name, lang)}</strong> <span className="muted">· {a.employee.code} · {a.employee.grade}</span>
          </p>
          <p className="alert alert-info" role="status">
            <strong>{t(`fv.states.${a.state}`)}</strong> — {t(`fv.next.${a.state}`)}
          </p>
          <dl className="summary">
            <div className="summary-row">
              <dt>{t('fv.cols.countries')}</dt>
              <dd>{a.countries.join(', ')}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('fv.cols.period')}</dt>
              <dd>
                {d(a.departureOn)} – {d(a.returnOn)}
              </dd>
            </div>
            <div className="summary-row">
              <dt>{t('fv.detail.received')}</dt>
              <dd>{d(a.receivedOn)}</dd>
            </div>
            {a.sla.deficiencyMemoDueOn ? (
              <div className="summary-row">
                <dt>{t('fv.detail.memoDue')}</dt>
                <dd>
                  {d(a.sla.deficiencyMemoDueOn)} {a.sla.overdue ? <strong>({t('fv.overdue')})</strong> : null}
                </dd>
              </div>
            ) : null}
            <div className="summary-row">
              <dt>{t('fv.detail.complete')}</dt>
              <dd>{d(a.completeOn)}</dd>
            </div>
            {a.sla.decisionDueOn ? (
              <div className="summary-row">
                <dt>{t('fv.detail.decisionDue')}</dt>
                <dd>
                  {d(a.sla.decisionDueOn)} {a.sla.overdue ? <strong>({t('fv.overdue')})</strong> : null}
                </dd>
              </div>
            ) : null}
          </dl>
          {a.sla.clockStopped ? <p className="alert alert-info">{t('fv.detail.clockStopped')}</p> : null}
          <ReasonList reasons={[a.route.reason, ...a.sla.reasons]} label={t('fv.detail.route')} />
          {a.deficiencyMemos?.length ? (
            <section aria-labelledby="fv-memos">
              <h2 id="fv-memos">{t('fv.detail.memos')}</h2>
              <ul>
                {a.deficiencyMemos.map((m) => (
                  <li key={m.on + m.items.join()}>
                    {d(m.on)}: {m.items.join('; ')} {m.late ? <em>({t('fv.detail.lateMemo')})</em> : null}{' '}
                    {m.resubmittedOn ? <span className="muted">— {t('fv.detail.resubmitted', { date: d(m.resubmittedOn) })}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {a.avdClearance ? (
            <section aria-labelledby="fv-avd">
              <h2 id="fv-avd">{t('fv.detail.avd')}</h2>
              <ClearanceBox c={a.avdClearance} />
            </section>
          ) : null}
          {a.decision ? (
            <section aria-labelledby="fv-dec">
              <h2 id="fv-dec">{t('fv.detail.decision')}</h2>
              <p>
                <strong>{t(`fv.states.${a.decision.decision}`)}</strong> · {d(a.decision.decidedOn)}
              </p>
              {a.decision.reasons ? <p>{a.decision.reasons}</p> : null}
              {a.decision.vigilance ? (
                <>
                  <h3>{t('fv.detail.vigilanceAtDecision')}</h3>
                  <ClearanceBox c={a.decision.vigilance} />
                </>
              ) : null}
            </section>
          ) : null}
          {a.abilities.includes('certificate') ? (
            <section aria-labelledby="fv-cert" className="card">
              <h2 id="fv-cert">{t('fv.detail.certificate')}</h2>
              <p className="toolbar">
                <a className="btn btn-primary" href={`/api/v1/foreign-visits/${a.id}/certificate?format=pdf`}>
                  {t('fv.detail.certificatePdf')}
                </a>{' '}
                <a className="btn btn-secondary" href={`/api/v1/foreign-visits/${a.id}/certificate`} target="_blank" rel="noopener">
                  {t('fv.detail.certificateHtml')}
                </a>
              </p>
              {a.certificateCode ? <p className="small">{a.certificateCode}</p> : null}
            </section>
          ) : null}
          <Actions a={a} />
          {a.application ? (
            <details>
              <summary>{t('fv.detail.application')}</summary>
              <dl className="summary">
                <div className="summary-row">
                  <dt>{t('fv.form.purpose')}</dt>
                  <dd>{a.application.purpose}</dd>
                </div>
                <div className="summary-row">
                  <dt>{t('fv.form.source')}</dt>
                  <dd>
                    {t(`fv.form.sources.${a.application.funding.source}`)} {a.application.funding.details ? `— ${a.application.funding.details}` : ''} · ₹{a.application.funding.estimateRupees}
                  </dd>
                </div>
                <div className="summary-row">
                  <dt>{t('fv.form.address')}</dt>
                  <dd>{a.application.addressAbroad}</dd>
                </div>
                <div className="summary-row">
                  <dt>{t('fv.form.leaveType')}</dt>
                  <dd>{a.application.leave.map((l) => `${t(`fv.form.leaveTypes.${l.type}`)} ${d(l.from)} – ${d(l.to)}`).join('; ') || t('fv.form.leaveNone')}</dd>
                </div>
                <div className="summary-row">
                  <dt>{t('fv.form.previous')}</dt>
                  <dd>{a.application.previousVisits.map((v) => `${v.countries.join(', ')} ${d(v.from)} – ${d(v.to)}`).join('; ') || t('fv.form.previousNone')}</dd>
                </div>
              </dl>
            </details>
          ) : null}
          <p>
            <Link to="/foreign-visits">{t('fv.detail.back')}</Link>
          </p>
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('fv.unavailable')} />
      )}
    </Page>
  );
}
