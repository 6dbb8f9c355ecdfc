// Deputation (issue 6): employees browse advertisements with their eligibility and apply; every party sees the
// application's status timeline and takes the steps the server offers (`steps`), each a small form.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, Page, Pager, pageParam, QueryItems } from '../../components/ui.tsx';

/** One record's query: loading, or the server's own words on why it cannot be shown (a 404 here is "no such
 * application/advertisement, or not one you may see" — not "the service is being set up", which is for lists). */
function RecordState({ error, isPending, refetch }: { error: unknown; isPending: boolean; refetch: () => void }) {
  if (isPending) return <Loading />;
  if (error instanceof ProblemError && (error.status === 404 || error.status === 403)) return <ErrorBox error={error} />;
  return error ? <ErrorBox error={error} onRetry={refetch} /> : null;
}
import { formatDate } from '../../format.ts';
import { bi, inr, ReasonList } from '../orders/parts.tsx';
import type { Reason } from '../orders/types.ts';

type Bi = { en: string; hi: string };
export interface Eligibility {
  eligible: boolean;
  asOn: string;
  reasons: Reason[];
  notes: Reason[];
}
export interface Advertisement {
  id: string;
  organisationId: number;
  organisation: Bi;
  state: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
  revision: number;
  version: number;
  post: string;
  level: string;
  posts: number;
  station: string;
  eligibleCadres: string[];
  feeder: Array<{ grade?: string; level?: string; minRegularServiceYears: number }>;
  qualifications: string[];
  tenureYears?: number | null;
  closingDate: string;
  documents: string[];
  applicationsOpen: boolean;
  daysLeft: number | null;
  history: Array<{ version: number; on: string; fields: string[]; note?: string }>;
  steps: string[];
  abilities: string[];
  eligibility?: Eligibility | null;
  myApplication?: { id: string; state: string } | null;
  counts?: { applications: number | null; forwarded: number };
}
interface TimelineEntry {
  at: string;
  on: string;
  action: string;
  to: string;
  role: string;
  en: string;
  hi: string;
  reasons?: string;
  remarks?: string;
  joinedOn?: string;
}
interface AppItem {
  id: string;
  advertisementId: string;
  post: string;
  level: string;
  organisation: Bi;
  employee: { id: string; code: string; name: Bi; grade: string; cadre: string; ministryId: number };
  state: string;
  appliedOn: string;
  forwarded: boolean;
  version: number;
}
interface AppView extends AppItem {
  statement: string;
  eligibility: Eligibility;
  clearanceRoute: { clearedBy: string; doptApprovalNeeded: boolean; reason: Reason };
  forwarding: null | {
    on: string;
    vigilance: { status: 'CLEAR' | 'WITHHELD'; on: string; grounds?: Reason[] };
    integrityCertificate: { certified: boolean; on: string };
    penaltiesLast10Years: { from: string; to: string; items?: Array<{ date: string; penalty: string; severity: string }>; count?: number };
    aparGradings: { years: number[]; items: Array<{ year: number; grading: string; score?: number | null; source: string }> };
    detailsHidden: boolean;
  };
  timeline: TimelineEntry[];
  advertisementChanges: Array<{ revision: number; fields: string[]; note: string | null; on: string }>;
  tenure: null | {
    joinedOn: string;
    normalEndOn: string;
    endOn: string;
    hardCapOn: string;
    repatriatedOn: string | null;
    premature: boolean;
    coolingOffEndsOn: string;
    allowance: null | { amount: number | null; reasons: Reason[] };
  };
  steps: string[];
}

const GRADINGS = ['OUTSTANDING', 'VERY_GOOD', 'GOOD', 'AVERAGE', 'BELOW_AVERAGE', 'NOT_WRITTEN'] as const;
const APP_STATES = ['APPLIED', 'CADRE_CLEARED', 'APPROVED_BY_DOPT', 'SHORTLISTED', 'SELECTED', 'JOINED', 'REPATRIATED', 'NOT_SELECTED', 'REJECTED_BY_MINISTRY', 'REJECTED_BY_DOPT', 'WITHDRAWN'] as const;
const LEVELS = ['6', '7', '8', '9', '10', '11', '12', '13', '13A', '14', '15'];

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "Eligible" or "Not eligible because …" with the engine's reasons and citations. */
export function EligibilityView({ e }: { e: Eligibility }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={e.eligible ? 'alert alert-info' : 'alert alert-error'} role="note">
      <p className="alert-title">
        <span className={e.eligible ? 'tag tag-ok' : 'tag tag-off'}>{e.eligible ? t('deputation.ad.eligible') : t('deputation.ad.notEligible')}</span>
      </p>
      {e.eligible ? null : <ReasonList reasons={e.reasons} label={t('deputation.ad.notEligible')} />}
      <p className="muted small">{t('deputation.ad.asOn', { date: formatDate(e.asOn, i18n.language) })}</p>
    </div>
  );
}

/** Employees: open advertisements, each with "eligible" or why not. */
export function AdvertisementsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const [q, setQ] = useState(params.get('q') ?? '');
  const level = params.get('level') ?? '';
  const eligibleOnly = params.get('eligibleOnly') === 'true';
  const list = useQuery({
    queryKey: ['deputation', 'ads', params.toString()],
    queryFn: ({ signal }) => api<ApiPage<Advertisement>>(`/api/v1/deputation/advertisements${qs({ q: params.get('q'), level, eligibleOnly: eligibleOnly ? 'true' : undefined, page, pageSize: 20 })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    next.delete('page');
    setParams(next);
  };
  return (
    <Page title={t('deputation.browse.title')} intro={t('deputation.browse.intro')}>
      <form
        className="toolbar"
        aria-label={t('deputation.browse.search')}
        onSubmit={(e) => {
          e.preventDefault();
          set({ q });
        }}
      >
        <label htmlFor={`${id}-q`}>{t('deputation.browse.search')}</label>{' '}
        <input id={`${id}-q`} type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />{' '}
        <label htmlFor={`${id}-level`}>{t('deputation.browse.level')}</label>{' '}
        <select id={`${id}-level`} value={level} onChange={(e) => set({ level: e.target.value })}>
          <option value="">{t('deputation.browse.any')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>{' '}
        <label>
          <input type="checkbox" checked={eligibleOnly} onChange={(e) => set({ eligibleOnly: e.target.checked ? 'true' : '' })} /> {t('deputation.browse.eligibleOnly')}
        </label>{' '}
        <button type="submit" className="btn btn-secondary">
          {t('deputation.browse.filter')}
        </button>
      </form>
      <QueryItems q={list} empty={t('deputation.browse.empty')} unavailable={t('deputation.unavailable')}>
        {(data) => (
          <>
            <ul className="card-list">
              {data.items.map((a) => (
                <li key={a.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/deputation/advertisements/${encodeURIComponent(a.id)}`}>{a.post}</Link>
                  </h2>
                  <p>
                    {bi(a.organisation, lang)} · {t('deputation.ad.level')} {a.level} · {a.station}
                  </p>
                  <p>
                    {t('deputation.ad.closing')}: {formatDate(a.closingDate, lang)}
                    {a.daysLeft != null ? <span className="muted"> ({t('deputation.ad.daysLeft', { n: a.daysLeft })})</span> : null}
                  </p>
                  {a.myApplication ? <p className="tag tag-new">{t('deputation.browse.myApplication', { state: t(`deputation.state.${a.myApplication.state}`) })}</p> : null}
                  {a.eligibility ? <EligibilityView e={a.eligibility} /> : null}
                </li>
              ))}
            </ul>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ ...Object.fromEntries(params), page: String(p) })} />
          </>
        )}
      </QueryItems>
    </Page>
  );
}

export function AdvertisementDetails({ a }: { a: Advertisement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className="summary">
      <Row label={t('deputation.ad.organisation')}>{bi(a.organisation, lang)}</Row>
      <Row label={t('deputation.ad.level')}>{a.level}</Row>
      <Row label={t('deputation.ad.posts')}>{a.posts}</Row>
      <Row label={t('deputation.ad.station')}>{a.station}</Row>
      <Row label={t('deputation.ad.cadres')}>{a.eligibleCadres.join(', ')}</Row>
      <Row label={t('deputation.ad.feeder')}>
        <ul>
          {a.feeder.map((f) => (
            <li key={`${f.grade ?? ''}${f.level ?? ''}`}>{t('deputation.ad.feederRow', { what: f.grade ?? `${t('deputation.ad.level')} ${f.level}`, years: f.minRegularServiceYears })}</li>
          ))}
        </ul>
      </Row>
      {a.qualifications.length ? (
        <Row label={t('deputation.ad.qualifications')}>
          <ul>
            {a.qualifications.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ul>
        </Row>
      ) : null}
      <Row label={t('deputation.ad.tenure')}>{a.tenureYears ? t('deputation.ad.tenureYears', { n: a.tenureYears }) : t('deputation.ad.tenureDefault')}</Row>
      <Row label={t('deputation.ad.closing')}>{formatDate(a.closingDate, lang)}</Row>
      {a.documents.length ? <Row label={t('deputation.ad.documents')}>{a.documents.join('; ')}</Row> : null}
      <Row label={t('deputation.ad.state')}>
        {t(`deputation.state.${a.state}`)} · {t('deputation.ad.revision', { n: a.revision })}
      </Row>
    </dl>
  );
}

/** One advertisement: details, corrigenda, the employee's eligibility and the application form. */
export function AdvertisementPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const fid = useId();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['deputation', 'ad', id], queryFn: ({ signal }) => api<Advertisement & { myApplication?: { id: string; state: string } | null }>(`/api/v1/deputation/advertisements/${encodeURIComponent(id)}`, { signal }), retry: false });
  const versions = useQuery({
    queryKey: ['deputation', 'ad', id, 'versions'],
    queryFn: ({ signal }) => api<{ items: Array<{ revision: number; kind: string; on: string; fields: string[]; note: string | null }> }>(`/api/v1/deputation/advertisements/${encodeURIComponent(id)}/versions`, { signal }),
    retry: false,
  });
  const [statement, setStatement] = useState('');
  const [local, setLocal] = useState('');
  const apply = useMutation({
    mutationFn: () => api<AppView>('/api/v1/deputation/applications', { method: 'POST', body: { advertisementId: id, statement: statement.trim() } }),
    onSuccess: async () => qc.invalidateQueries({ queryKey: ['deputation'] }),
  });
  const a = q.data;
  const pe = apply.error instanceof ProblemError ? apply.error : null;
  const corrigenda = versions.data?.items.filter((v) => v.kind === 'corrigendum') ?? [];
  return (
    <Page title={a ? a.post : t('deputation.ad.title')}>
      {a ? (
        <>
          <AdvertisementDetails a={a} />
          {corrigenda.length ? (
            <section className="card" aria-labelledby={`${fid}-corr`}>
              <h2 id={`${fid}-corr`}>{t('deputation.ad.corrigenda')}</h2>
              <ul>
                {corrigenda.map((c) => (
                  <li key={c.revision}>
                    {formatDate(c.on, lang)} — {t('deputation.ad.revision', { n: c.revision })}: {t('deputation.ad.changed', { fields: c.fields.join(', ') })}
                    {c.note ? ` — ${c.note}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {a.eligibility ? <EligibilityView e={a.eligibility} /> : null}
          {apply.data ? (
            // just applied: say so (a status, announced) before the refreshed advertisement lists the application
            <div className="alert alert-info" role="status">
              <p>{t('deputation.apply.done')}</p>
              <Link to={`/deputation/applications/${encodeURIComponent(apply.data.id)}`}>{t('deputation.apply.view')}</Link>
            </div>
          ) : a.myApplication ? (
            <p>
              <Link className="btn btn-secondary" to={`/deputation/applications/${encodeURIComponent(a.myApplication.id)}`}>
                {t('deputation.apply.view')} ({t(`deputation.state.${a.myApplication.state}`)})
              </Link>
            </p>
          ) : a.eligibility?.eligible && a.applicationsOpen ? (
            <form
              noValidate
              className="card"
              aria-labelledby={`${fid}-apply`}
              onSubmit={(e) => {
                e.preventDefault();
                if (!statement.trim()) return setLocal(t('deputation.apply.statementHint'));
                setLocal('');
                apply.mutate();
              }}
            >
              <h2 id={`${fid}-apply`}>{t('deputation.apply.title')}</h2>
              <Field id={`${fid}-statement`} label={t('deputation.apply.statement')} hint={t('deputation.apply.statementHint')} error={local || pe?.fieldMessage('statement')}>
                {(p) => <textarea {...p} rows={5} maxLength={4000} value={statement} onChange={(e) => setStatement(e.target.value)} required />}
              </Field>
              {pe && !pe.field ? <ErrorBox error={pe} /> : null}
              {pe?.field === 'advertisementId' ? <ErrorBox error={pe} /> : null}
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={apply.isPending}>
                  {t('deputation.apply.submit')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : (
        <RecordState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} />
      )}
    </Page>
  );
}

/** Applications the user may see (employee: own; Ministry; cadre; organisation once forwarded). */
export function ApplicationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const state = params.get('state') ?? '';
  const advertisementId = params.get('advertisementId') ?? '';
  const q = useQuery({
    queryKey: ['deputation', 'apps', state, advertisementId, page],
    queryFn: ({ signal }) => api<ApiPage<AppItem>>(`/api/v1/deputation/applications${qs({ state, advertisementId, page, pageSize: 20 })}`, { signal }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  return (
    <Page title={t('deputation.apps.title')} intro={t('deputation.apps.intro')}>
      <div className="toolbar">
        <label htmlFor={`${id}-state`}>{t('deputation.apps.state')}</label>{' '}
        <select id={`${id}-state`} value={state} onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}>
          <option value="">{t('deputation.apps.all')}</option>
          {APP_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`deputation.state.${s}`)}
            </option>
          ))}
        </select>{' '}
        <a className="btn btn-secondary" href={`/api/v1/deputation/applications${qs({ state, page, pageSize: 100, format: 'csv' })}`}>
          {t('deputation.apps.csv')}
        </a>
      </div>
      <QueryItems q={q} empty={t('deputation.apps.empty')} unavailable={t('deputation.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('deputation.apps.cols.employee')}</th>
                  <th scope="col">{t('deputation.apps.cols.post')}</th>
                  <th scope="col">{t('deputation.apps.cols.organisation')}</th>
                  <th scope="col">{t('deputation.apps.cols.state')}</th>
                  <th scope="col">{t('deputation.apps.cols.applied')}</th>
                  <th scope="col">{t('deputation.apps.cols.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <td data-label={t('deputation.apps.cols.employee')}>
                      {bi(a.employee.name, lang)} <span className="muted small">· {a.employee.code} · {a.employee.grade}</span>
                    </td>
                    <td data-label={t('deputation.apps.cols.post')}>
                      {a.post} ({a.level})
                    </td>
                    <td data-label={t('deputation.apps.cols.organisation')}>{bi(a.organisation, lang)}</td>
                    <td data-label={t('deputation.apps.cols.state')}>{t(`deputation.state.${a.state}`)}</td>
                    <td data-label={t('deputation.apps.cols.applied')}>{formatDate(a.appliedOn, lang)}</td>
                    <td data-label={t('deputation.apps.cols.actions')}>
                      <Link to={`/deputation/applications/${encodeURIComponent(a.id)}`} className="btn btn-secondary">
                        {t('deputation.apps.open')}
                        <span className="visually-hidden">: {bi(a.employee.name, lang)}, {a.post}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => setParams({ ...(state ? { state } : {}), page: String(p) })} />
          </>
        )}
      </QueryItems>
    </Page>
  );
}

type StepKind = 'withdraw' | 'forward' | 'rejectByMinistry' | 'approveByDopt' | 'rejectByDopt' | 'shortlist' | 'notSelect' | 'select' | 'join' | 'repatriate' | 'extend';

/** The request each step makes. */
function stepRequest(step: StepKind, a: AppView, v: Record<string, string>, apar: Record<number, string>): { url: string; body: Record<string, unknown> } {
  const base = `/api/v1/deputation/applications/${encodeURIComponent(a.id)}`;
  const opt = (k: string) => (v[k]?.trim() ? { [k]: v[k].trim() } : {});
  switch (step) {
    case 'withdraw':
      return { url: `${base}/withdraw`, body: { version: a.version, ...(v.remarks?.trim() ? { reason: v.remarks.trim() } : {}) } };
    case 'forward': {
      const gradings = Object.entries(apar).filter(([, g]) => g).map(([y, g]) => ({ year: Number(y), grading: g }));
      return { url: `${base}/forward`, body: { version: a.version, integrityCertificate: v.integrity === 'true', ...(gradings.length ? { aparGradings: gradings } : {}), ...opt('remarks') } };
    }
    case 'rejectByMinistry':
      return { url: `${base}/reject`, body: { version: a.version, reasons: v.reasons?.trim() ?? '' } };
    case 'approveByDopt':
      return { url: `${base}/dopt-decision`, body: { version: a.version, decision: 'approve', ...opt('reasons') } };
    case 'rejectByDopt':
      return { url: `${base}/dopt-decision`, body: { version: a.version, decision: 'reject', reasons: v.reasons?.trim() ?? '' } };
    case 'shortlist':
    case 'notSelect':
    case 'select':
      return { url: `${base}/selection`, body: { version: a.version, action: step, ...opt('remarks') } };
    case 'join':
      return { url: `${base}/joining`, body: { version: a.version, joinedOn: v.joinedOn ?? '', ...(v.basicPay ? { basicPay: Number(v.basicPay) } : {}), ...(v.sameStation ? { sameStation: v.sameStation === 'true' } : {}) } };
    case 'extend':
      return { url: `${base}/extensions`, body: { version: a.version, until: v.until ?? '', approvedBy: v.approvedBy === 'MINISTER' ? 'BORROWING_MINISTER' : 'BORROWING_SECRETARY', orderRef: v.orderRef?.trim() ?? '' } };
    case 'repatriate':
      return { url: `${base}/repatriation`, body: { version: a.version, repatriatedOn: v.repatriatedOn ?? '', reason: v.reasons?.trim() ?? '' } };
  }
}

const FIELDS: Record<StepKind, string[]> = {
  withdraw: ['remarks'],
  forward: ['integrity', 'remarks'],
  rejectByMinistry: ['reasons'],
  approveByDopt: [],
  rejectByDopt: ['reasons'],
  shortlist: ['remarks'],
  notSelect: ['remarks'],
  select: ['remarks'],
  join: ['joinedOn', 'basicPay', 'sameStation'],
  extend: ['until', 'approvedBy', 'orderRef'],
  repatriate: ['repatriatedOn', 'reasons'],
};

function StepForm({ a, step }: { a: AppView; step: StepKind }) {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [v, setV] = useState<Record<string, string>>({});
  const [apar, setApar] = useState<Record<number, string>>({});
  const preview = useQuery({
    queryKey: ['deputation', 'forwarding', a.id],
    queryFn: ({ signal }) => api<{ aparGradings: { missingYears: number[] } }>(`/api/v1/deputation/applications/${encodeURIComponent(a.id)}/forwarding`, { signal }),
    enabled: step === 'forward',
    retry: false,
  });
  const m = useMutation({
    mutationFn: () => {
      const r = stepRequest(step, a, v, apar);
      return api<AppView>(r.url, { method: 'POST', body: r.body });
    },
    onSuccess: async () => qc.invalidateQueries({ queryKey: ['deputation'] }),
    onError: async (e) => {
      if (e instanceof ProblemError && e.code === 'STALE_VERSION') await qc.invalidateQueries({ queryKey: ['deputation', 'app', a.id] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const alias: Record<string, string> = { integrity: 'integrityCertificate', reasons: step === 'repatriate' ? 'reason' : 'reasons' };
  const err = (f: string) => pe?.fieldMessage(alias[f] ?? f);
  const set = (k: string) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const fields = FIELDS[step];
  return (
    <form
      noValidate
      className="card"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <h3 id={`${id}-h`}>{t(`deputation.steps.${step}`)}</h3>
      {fields.includes('integrity') ? (
        <div className={err('integrity') ? 'field field-error' : 'field'}>
          {err('integrity') ? (
            <p id={`${id}-integrity-error`} className="error-message">
              <span className="visually-hidden">{t('common.fieldError')} </span>
              {err('integrity')}
            </p>
          ) : null}
          <label>
            <input
              type="checkbox"
              checked={v.integrity === 'true'}
              aria-invalid={err('integrity') ? true : undefined}
              aria-describedby={err('integrity') ? `${id}-integrity-error` : undefined}
              onChange={(e) => setV({ ...v, integrity: e.target.checked ? 'true' : '' })}
            />{' '}
            {t('deputation.steps.integrity')}
          </label>
        </div>
      ) : null}
      {step === 'forward'
        ? (preview.data?.aparGradings.missingYears ?? []).map((y) => (
            <Field key={y} id={`${id}-apar-${y}`} label={t('deputation.steps.aparYear', { year: y, next: String(y + 1).slice(2) })} hint={t('deputation.steps.aparHint')} error={err('aparGradings')}>
              {(p) => (
                <select {...p} value={apar[y] ?? ''} onChange={(e) => setApar({ ...apar, [y]: e.target.value })}>
                  <option value="">—</option>
                  {GRADINGS.map((g) => (
                    <option key={g} value={g}>
                      {t(`deputation.grading.${g}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))
        : null}
      {fields.includes('joinedOn') ? <Field id={`${id}-joined`} label={t('deputation.steps.joinedOn')} error={err('joinedOn')}>{(p) => <input {...p} type="date" value={v.joinedOn ?? ''} onChange={set('joinedOn')} required />}</Field> : null}
      {fields.includes('basicPay') ? <Field id={`${id}-pay`} label={t('deputation.steps.basicPay')} error={err('basicPay')}>{(p) => <input {...p} type="number" inputMode="numeric" min={1} value={v.basicPay ?? ''} onChange={set('basicPay')} />}</Field> : null}
      {fields.includes('sameStation') ? (
        <label>
          <input type="checkbox" checked={v.sameStation === 'true'} onChange={(e) => setV({ ...v, sameStation: e.target.checked ? 'true' : 'false' })} /> {t('deputation.steps.sameStation')}
        </label>
      ) : null}
      {fields.includes('until') ? <Field id={`${id}-until`} label={t('deputation.steps.until')} error={err('until')}>{(p) => <input {...p} type="date" value={v.until ?? ''} onChange={set('until')} required />}</Field> : null}
      {fields.includes('approvedBy') ? (
        <Field id={`${id}-by`} label={t('deputation.steps.approvedBy')} error={err('approvedBy')}>
          {(p) => (
            <select {...p} value={v.approvedBy ?? 'SECRETARY'} onChange={set('approvedBy')}>
              <option value="SECRETARY">{t('deputation.steps.SECRETARY')}</option>
              <option value="MINISTER">{t('deputation.steps.MINISTER')}</option>
            </select>
          )}
        </Field>
      ) : null}
      {fields.includes('orderRef') ? <Field id={`${id}-ref`} label={t('deputation.steps.orderRef')} error={err('orderRef')}>{(p) => <input {...p} value={v.orderRef ?? ''} maxLength={300} onChange={set('orderRef')} required />}</Field> : null}
      {fields.includes('repatriatedOn') ? <Field id={`${id}-rep`} label={t('deputation.steps.repatriatedOn')} error={err('repatriatedOn')}>{(p) => <input {...p} type="date" value={v.repatriatedOn ?? ''} onChange={set('repatriatedOn')} required />}</Field> : null}
      {fields.includes('reasons') ? (
        <Field id={`${id}-reasons`} label={t('deputation.steps.reasons')} hint={t('deputation.steps.reasonsHint')} error={err('reasons')}>
          {(p) => <textarea {...p} rows={3} maxLength={4000} value={v.reasons ?? ''} onChange={set('reasons')} required />}
        </Field>
      ) : null}
      {fields.includes('remarks') ? <Field id={`${id}-remarks`} label={t('deputation.steps.remarks')} error={err('remarks')}>{(p) => <textarea {...p} rows={2} maxLength={2000} value={v.remarks ?? ''} onChange={set('remarks')} />}</Field> : null}
      {pe?.code === 'STALE_VERSION' ? (
        <div className="alert alert-error" role="alert">
          <p>{t('deputation.app.stale')}</p>
        </div>
      ) : pe && !pe.field ? (
        <ErrorBox error={pe} />
      ) : m.error && !pe ? (
        <ErrorBox error={m.error} />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t(`deputation.steps.${step}`)}
        </button>
      </div>
    </form>
  );
}

/** One application: summary, eligibility snapshot, forwarding package, tenure, timeline, and the steps offered. */
export function ApplicationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const hid = useId();
  const q = useQuery({ queryKey: ['deputation', 'app', id], queryFn: ({ signal }) => api<AppView>(`/api/v1/deputation/applications/${encodeURIComponent(id)}`, { signal }), retry: false });
  const a = q.data;
  if (!a) return <Page title={t('deputation.app.title')}><RecordState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} /></Page>;
  const f = a.forwarding;
  const steps = [...a.steps, ...(a.state === 'JOINED' && a.steps.includes('repatriate') ? ['extend'] : [])] as StepKind[];
  return (
    <Page title={`${t('deputation.app.title')}: ${a.post}`}>
      <dl className="summary">
        <Row label={t('deputation.app.applicant')}>
          {bi(a.employee.name, lang)} · {a.employee.code} · {a.employee.grade}
        </Row>
        <Row label={t('deputation.ad.post')}>
          <Link to={`/deputation/advertisements/${encodeURIComponent(a.advertisementId)}`}>{a.post}</Link> ({t('deputation.ad.level')} {a.level}), {bi(a.organisation, lang)}
        </Row>
        <Row label={t('deputation.ad.state')}>{t(`deputation.state.${a.state}`)}</Row>
        <Row label={t('deputation.app.route')}>{lang === 'hi' ? a.clearanceRoute.reason.hi : a.clearanceRoute.reason.en}</Row>
        <Row label={t('deputation.app.statement')}>{a.statement}</Row>
      </dl>
      {a.advertisementChanges.length ? (
        <div className="alert alert-info" role="note">
          <p className="alert-title">{t('deputation.app.adChanged')}</p>
          <ul>
            {a.advertisementChanges.map((c) => (
              <li key={c.revision}>
                {formatDate(c.on, lang)}: {t('deputation.ad.changed', { fields: c.fields.join(', ') })}
                {c.note ? ` — ${c.note}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <EligibilityView e={a.eligibility} />
      <section className="card" aria-labelledby={`${hid}-tl`}>
        <h2 id={`${hid}-tl`}>{t('deputation.app.timeline')}</h2>
        <ol className="timeline">
          {a.timeline.map((e) => (
            <li key={e.at + e.action}>
              {t('deputation.app.timelineEntry', { what: lang === 'hi' ? e.hi : e.en, role: t(`roles.${e.role}`, { defaultValue: e.role }), date: formatDate(e.on, lang) })}
              {e.joinedOn ? <p className="small">{t('deputation.app.joinedEntry', { date: formatDate(e.joinedOn, lang) })}</p> : null}
              {e.reasons ? <p className="small">{e.reasons}</p> : null}
              {e.remarks ? <p className="small muted">{e.remarks}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      {f ? (
        <section className="card" aria-labelledby={`${hid}-fw`}>
          <h2 id={`${hid}-fw`}>{t('deputation.app.forwarding')}</h2>
          <dl className="summary">
            <Row label={t('deputation.app.vigilance')}>
              <span className={f.vigilance.status === 'CLEAR' ? 'tag tag-ok' : 'tag tag-off'}>{f.vigilance.status === 'CLEAR' ? t('deputation.app.clear') : t('deputation.app.withheld')}</span> {formatDate(f.vigilance.on, lang)}
              {f.detailsHidden ? <p className="small muted">{t('deputation.app.detailsHidden')}</p> : <ReasonList reasons={f.vigilance.grounds ?? []} />}
            </Row>
            <Row label={t('deputation.app.integrity')}>{t('deputation.app.given', { date: formatDate(f.integrityCertificate.on, lang) })}</Row>
            <Row label={t('deputation.app.penalties')}>
              {f.penaltiesLast10Years.items ? (
                f.penaltiesLast10Years.items.length ? (
                  <ul>
                    {f.penaltiesLast10Years.items.map((p) => (
                      <li key={p.date + p.penalty}>
                        {formatDate(p.date, lang)}: {p.penalty} ({p.severity})
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('deputation.app.none')
                )
              ) : (
                t('deputation.app.penaltiesCount', { count: f.penaltiesLast10Years.count ?? 0 })
              )}
            </Row>
            <Row label={t('deputation.app.apar')}>
              <ul>
                {f.aparGradings.items.map((g) => (
                  <li key={g.year}>
                    {g.year}–{String(g.year + 1).slice(2)}: {t(`deputation.grading.${g.grading}`, { defaultValue: g.grading })}
                    {g.score != null ? ` (${g.score})` : ''}
                  </li>
                ))}
              </ul>
            </Row>
          </dl>
        </section>
      ) : null}
      {a.tenure ? (
        <section className="card" aria-labelledby={`${hid}-tn`}>
          <h2 id={`${hid}-tn`}>{t('deputation.app.tenure')}</h2>
          <dl className="summary">
            <Row label={t('deputation.app.joined')}>{formatDate(a.tenure.joinedOn, lang)}</Row>
            <Row label={t('deputation.app.normalEnd')}>{formatDate(a.tenure.normalEndOn, lang)}</Row>
            <Row label={t('deputation.app.endOn')}>{formatDate(a.tenure.endOn, lang)}</Row>
            <Row label={t('deputation.app.hardCap')}>{formatDate(a.tenure.hardCapOn, lang)}</Row>
            {a.tenure.repatriatedOn ? (
              <Row label={t('deputation.app.repatriated')}>
                {formatDate(a.tenure.repatriatedOn, lang)}
                {a.tenure.premature ? ` (${t('deputation.app.premature')})` : ''}
              </Row>
            ) : null}
            <Row label={t('deputation.app.coolingOff')}>{formatDate(a.tenure.coolingOffEndsOn, lang)}</Row>
            {a.tenure.allowance?.amount != null ? (
              <Row label={t('deputation.app.allowance')}>
                {t('deputation.app.allowanceAmount', { amount: inr(a.tenure.allowance.amount, lang) })}
                <ReasonList reasons={a.tenure.allowance.reasons} />
              </Row>
            ) : null}
          </dl>
        </section>
      ) : null}
      {steps.length ? (
        <section aria-labelledby={`${hid}-st`}>
          <h2 id={`${hid}-st`}>{t('deputation.steps.title')}</h2>
          {steps.map((s) => (
            <StepForm key={`${s}-${a.version}`} a={a} step={s} />
          ))}
        </section>
      ) : null}
    </Page>
  );
}
