import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Me, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, NextStep, Page, Pager, pageParam, QueryItems, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';
import { bi, ReasonList } from '../orders/parts.tsx';
import type { Reason } from '../orders/types.ts';

type Status = 'FILED' | 'LATE' | 'NOT_FILED' | 'PENDING' | 'NOT_REQUIRED';

interface PropertyRow {
  description: string;
  location: { state?: string; district: string; subDivision: string; village: string; surveyNumber: string };
  area: { value: number; unit: string };
  nature: string;
  extentOfInterest: string;
  heldBy: { name: string; relationship: string };
  acquisition: { how: string; on: string; from: string };
  value: number;
  annualIncome: number;
  remarks?: string;
}

interface IprReturn {
  id: string;
  employee: { id: string; code: string; name: { en: string; hi: string } };
  kind: 'ANNUAL' | 'FIRST_APPOINTMENT';
  year: number;
  asOn: string;
  revision: number;
  status: 'DRAFT' | 'FILED';
  nil: boolean;
  properties: PropertyRow[];
  mode: string;
  filedOn: string | null;
  revisionReason: string | null;
  version: number;
  readOnly: boolean;
  abilities: string[];
}

interface IprMe {
  year: number;
  obligation: { annual: boolean; reason: Reason };
  window: { opens: string; closes: string };
  compliance: { status: Status; reasons: Reason[] };
  firstAppointment: { year: number; filed: boolean };
  nextStep: string;
  returns: IprReturn[];
}

const NATURES = ['HOUSE', 'FLAT', 'SHOP', 'OTHER_BUILDING', 'AGRICULTURAL_LAND', 'NON_AGRICULTURAL_LAND', 'PLOT', 'OTHER'];
const UNITS = ['SQ_M', 'SQ_FT', 'SQ_YD', 'ACRE', 'HECTARE', 'BIGHA', 'KANAL', 'MARLA', 'GUNTHA', 'CENT', 'OTHER'];
const RELS = ['SELF', 'SPOUSE', 'SON', 'DAUGHTER', 'FATHER', 'MOTHER', 'OTHER_DEPENDANT', 'OTHER'];
const HOW = ['PURCHASE', 'LEASE', 'MORTGAGE', 'INHERITANCE', 'GIFT', 'OTHER'];

const blank = (): PropertyRow => ({
  description: '',
  location: { state: '', district: '', subDivision: '', village: '', surveyNumber: '' },
  area: { value: 0, unit: 'SQ_M' },
  nature: 'HOUSE',
  extentOfInterest: 'full',
  heldBy: { name: '', relationship: 'SELF' },
  acquisition: { how: 'PURCHASE', on: '', from: '' },
  value: 0,
  annualIncome: 0,
  remarks: '',
});

/** Drop empty optional texts so the server's checks see only what was entered. */
function clean(p: PropertyRow): PropertyRow {
  const { remarks, ...rest } = p;
  const { state, ...loc } = p.location;
  return { ...rest, location: { ...loc, ...(state?.trim() ? { state: state.trim() } : {}) }, ...(remarks?.trim() ? { remarks: remarks.trim() } : {}) };
}

function Returns({ list }: { list: IprReturn[] }) {
  const { t, i18n } = useTranslation();
  if (list.length === 0) return <p className="empty">{t('ipr.noReturns')}</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('ipr.cols.year')}</th>
          <th scope="col">{t('ipr.cols.kind')}</th>
          <th scope="col">{t('ipr.cols.revision')}</th>
          <th scope="col">{t('ipr.cols.status')}</th>
          <th scope="col">{t('ipr.cols.filedOn')}</th>
          <th scope="col">{t('ipr.cols.open')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((r) => (
          <tr key={r.id}>
            <td data-label={t('ipr.cols.year')}>{r.year}</td>
            <td data-label={t('ipr.cols.kind')}>{t(`ipr.kind.${r.kind}`)}</td>
            <td data-label={t('ipr.cols.revision')}>{r.revision}</td>
            <td data-label={t('ipr.cols.status')}>{t(`ipr.rstatus.${r.status}`)}</td>
            <td data-label={t('ipr.cols.filedOn')}>{r.filedOn ? formatDate(r.filedOn, i18n.language) : '—'}</td>
            <td data-label={t('ipr.cols.open')}>
              <Link className="btn btn-secondary" to={`/ipr/returns/${r.id}`}>
                {t('ipr.open')}
                <span className="visually-hidden">
                  : {r.year} {t(`ipr.kind.${r.kind}`)} {r.revision}
                </span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The employee's page: what is due, the window, the next step, the returns. */
export function IprPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year')) || undefined;
  const [carry, setCarry] = useState(true);
  const q = useQuery({ queryKey: ['ipr', 'me', yearParam], queryFn: ({ signal }) => api<IprMe>(`/api/v1/ipr/me${qs({ year: yearParam })}`, { signal }), retry: false });
  const start = useMutation({
    mutationFn: (kind: 'ANNUAL' | 'FIRST_APPOINTMENT') => api<IprReturn>('/api/v1/ipr/returns', { method: 'POST', body: { year: q.data!.year, kind, carryForward: carry } }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['ipr'] });
      nav(`/ipr/returns/${r.id}`);
    },
  });
  const d = q.data;
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - 1 - i);
  return (
    <Page title={t('ipr.title')} intro={t('ipr.intro')}>
      <div className="toolbar">
        <label htmlFor={`${id}-y`}>{t('ipr.year')}</label>{' '}
        <select id={`${id}-y`} value={d?.year ?? ''} onChange={(e) => setParams({ year: e.target.value })}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {d ? (
        <>
          <section className="card" aria-labelledby={`${id}-st`}>
            <h2 id={`${id}-st`}>
              {d.year}: {t(`ipr.status.${d.compliance.status}`)}
            </h2>
            <p>{t('ipr.window', { opens: formatDate(d.window.opens, lang), closes: formatDate(d.window.closes, lang) })}</p>
            <ReasonList reasons={[d.obligation.reason, ...d.compliance.reasons]} />
          </section>
          <NextStep>{t(`ipr.next.${d.nextStep}`)}</NextStep>
          {d.nextStep === 'START_RETURN' || d.nextStep === 'FILE_FIRST_APPOINTMENT' ? (
            <div className="card">
              {d.nextStep === 'START_RETURN' ? (
                <div className="field field-check">
                  <input id={`${id}-carry`} type="checkbox" checked={carry} onChange={(e) => setCarry(e.target.checked)} />
                  <label htmlFor={`${id}-carry`}>{t('ipr.carryForward')}</label>
                </div>
              ) : null}
              <button type="button" className="btn btn-primary" disabled={start.isPending} onClick={() => start.mutate(d.nextStep === 'START_RETURN' ? 'ANNUAL' : 'FIRST_APPOINTMENT')}>
                {d.nextStep === 'START_RETURN' ? t('ipr.start') : t('ipr.startFirst')}
              </button>
              {start.error ? <ErrorBox error={start.error} /> : null}
            </div>
          ) : null}
          <section aria-labelledby={`${id}-list`}>
            <h2 id={`${id}-list`}>{t('ipr.returns')}</h2>
            <Returns list={d.returns} />
          </section>
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('ipr.unavailable')} />
      )}
      <p>
        <span className="muted small">{bi({ en: 'CCS (Conduct) Rules 1964, rule 18', hi: 'केंद्रीय सिविल सेवा (आचरण) नियम 1964, नियम 18' }, lang)}</span>
      </p>
    </Page>
  );
}

function PropertyFields({ idp, n, p, onChange, err }: { idp: string; n: number; p: PropertyRow; onChange: (p: PropertyRow) => void; err: (f: string) => string | undefined }) {
  const { t } = useTranslation();
  const f = (k: string) => `${idp}-${n}-${k}`;
  const e = (path: string) => err(`properties.${n}.${path}`);
  const text = (label: string, path: string, value: string, set: (v: string) => PropertyRow, opts: { type?: string; max?: number } = {}) => (
    <Field id={f(path)} label={label} error={e(path)}>
      {(pp) => <input {...pp} type={opts.type ?? 'text'} value={value} maxLength={opts.max ?? 200} onChange={(ev) => onChange(set(ev.target.value))} />}
    </Field>
  );
  const select = (label: string, path: string, value: string, options: string[], set: (v: string) => PropertyRow) => (
    <Field id={f(path)} label={label} error={e(path)}>
      {(pp) => (
        <select {...pp} value={value} onChange={(ev) => onChange(set(ev.target.value))}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <>
      {text(t('ipr.f.description'), 'description', p.description, (v) => ({ ...p, description: v }), { max: 500 })}
      <div className="filter-grid">
        {text(t('ipr.f.state'), 'location.state', p.location.state ?? '', (v) => ({ ...p, location: { ...p.location, state: v } }))}
        {text(t('ipr.f.district'), 'location.district', p.location.district, (v) => ({ ...p, location: { ...p.location, district: v } }))}
        {text(t('ipr.f.subDivision'), 'location.subDivision', p.location.subDivision, (v) => ({ ...p, location: { ...p.location, subDivision: v } }))}
        {text(t('ipr.f.village'), 'location.village', p.location.village, (v) => ({ ...p, location: { ...p.location, village: v } }))}
        {text(t('ipr.f.surveyNumber'), 'location.surveyNumber', p.location.surveyNumber, (v) => ({ ...p, location: { ...p.location, surveyNumber: v } }))}
        {text(t('ipr.f.areaValue'), 'area.value', String(p.area.value || ''), (v) => ({ ...p, area: { ...p.area, value: Number(v) } }), { type: 'number' })}
        {select(t('ipr.f.areaUnit'), 'area.unit', p.area.unit, UNITS, (v) => ({ ...p, area: { ...p.area, unit: v } }))}
        {select(t('ipr.f.nature'), 'nature', p.nature, NATURES, (v) => ({ ...p, nature: v }))}
        {text(t('ipr.f.extentOfInterest'), 'extentOfInterest', p.extentOfInterest, (v) => ({ ...p, extentOfInterest: v }))}
        {text(t('ipr.f.heldByName'), 'heldBy.name', p.heldBy.name, (v) => ({ ...p, heldBy: { ...p.heldBy, name: v } }))}
        {select(t('ipr.f.relationship'), 'heldBy.relationship', p.heldBy.relationship, RELS, (v) => ({ ...p, heldBy: { ...p.heldBy, relationship: v } }))}
        {select(t('ipr.f.how'), 'acquisition.how', p.acquisition.how, HOW, (v) => ({ ...p, acquisition: { ...p.acquisition, how: v } }))}
        {text(t('ipr.f.on'), 'acquisition.on', p.acquisition.on, (v) => ({ ...p, acquisition: { ...p.acquisition, on: v } }), { type: 'date' })}
        {text(t('ipr.f.from'), 'acquisition.from', p.acquisition.from, (v) => ({ ...p, acquisition: { ...p.acquisition, from: v } }), { max: 500 })}
        {text(t('ipr.f.value'), 'value', String(p.value), (v) => ({ ...p, value: Math.round(Number(v)) }), { type: 'number' })}
        {text(t('ipr.f.annualIncome'), 'annualIncome', String(p.annualIncome), (v) => ({ ...p, annualIncome: Math.round(Number(v)) }), { type: 'number' })}
      </div>
      {text(t('ipr.f.remarks'), 'remarks', p.remarks ?? '', (v) => ({ ...p, remarks: v }), { max: 1000 })}
    </>
  );
}

function DraftEditor({ r, onFiled }: { r: IprReturn; onFiled: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [nil, setNil] = useState(r.nil);
  const [rows, setRows] = useState<PropertyRow[]>(r.properties.length ? r.properties : r.nil ? [] : [blank()]);
  const [msg, setMsg] = useState('');
  const save = useMutation({
    mutationFn: () => api<IprReturn>(`/api/v1/ipr/returns/${r.id}`, { method: 'PUT', body: { version: r.version, nil, properties: nil ? [] : rows.map(clean) } }),
    onSuccess: async (x) => {
      setMsg(t('ipr.saved'));
      qc.setQueryData(['ipr', 'return', r.id], x);
    },
  });
  const file = useMutation({
    mutationFn: async () => {
      const saved = await api<IprReturn>(`/api/v1/ipr/returns/${r.id}`, { method: 'PUT', body: { version: r.version, nil, properties: nil ? [] : rows.map(clean) } });
      return api<IprReturn>(`/api/v1/ipr/returns/${r.id}/submit`, { method: 'POST', body: { version: saved.version } });
    },
    onSuccess: async (x) => {
      // the filed return replaces this editor: the page says it was filed
      onFiled();
      qc.setQueryData(['ipr', 'return', r.id], x);
      await qc.invalidateQueries({ queryKey: ['ipr', 'me'] });
    },
    onError: async () => qc.invalidateQueries({ queryKey: ['ipr', 'return', r.id] }),
  });
  const error = save.error ?? file.error;
  const pe = error instanceof ProblemError ? error : null;
  const err = (f: string) => pe?.fieldMessage(f);
  return (
    <form
      noValidate
      className="rules-form"
      onSubmit={(e) => {
        e.preventDefault();
        setMsg('');
        if (window.confirm(t('ipr.submitConfirm'))) file.mutate();
      }}
    >
      <div className="field field-check">
        <input id={`${id}-nil`} type="checkbox" checked={nil} onChange={(e) => setNil(e.target.checked)} aria-describedby={err('nil') ? `${id}-nil-err` : undefined} />
        <label htmlFor={`${id}-nil`}>{t('ipr.nil')}</label>
      </div>
      {err('nil') ? (
        <p id={`${id}-nil-err`} className="error-message">
          {err('nil')}
        </p>
      ) : null}
      {nil
        ? null
        : rows.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until filed
            <fieldset key={i} className="card">
              <legend>{t('ipr.property', { n: i + 1 })}</legend>
              <PropertyFields idp={id} n={i} p={p} err={err} onChange={(np) => setRows((xs) => xs.map((x, k) => (k === i ? np : x)))} />
              <button type="button" className="btn btn-secondary" onClick={() => setRows((xs) => xs.filter((_, k) => k !== i))}>
                {t('ipr.removeProperty', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
      {nil ? null : (
        <button type="button" className="btn btn-secondary" onClick={() => setRows((xs) => [...xs, blank()])}>
          {t('ipr.addProperty')}
        </button>
      )}
      {pe ? (
        <p className="error-message" role="alert">
          {pe.detail}
        </p>
      ) : error ? (
        <ErrorBox error={error} />
      ) : null}
      <div className="toolbar">
        <button type="button" className="btn btn-secondary" disabled={save.isPending} onClick={() => save.mutate()}>
          {t('ipr.save')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={file.isPending}>
          {t('ipr.submit')}
        </button>
      </div>
      {msg ? (
        <p className="alert alert-success" role="status">
          {msg}
        </p>
      ) : null}
    </form>
  );
}

function FiledView({ r }: { r: IprReturn }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const nav = useNavigate();
  const [reason, setReason] = useState('');
  const revise = useMutation({
    mutationFn: () => api<IprReturn>(`/api/v1/ipr/returns/${r.id}/revise`, { method: 'POST', body: { reason: reason.trim() } }),
    onSuccess: (x) => nav(`/ipr/returns/${x.id}`),
  });
  const pe = revise.error instanceof ProblemError ? revise.error : null;
  return (
    <>
      <p className="alert alert-info">{t('ipr.readOnly')}</p>
      {r.nil ? (
        <p>{t('ipr.nil')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('ipr.f.description')}</th>
              <th scope="col">{t('ipr.f.village')}</th>
              <th scope="col">{t('ipr.f.nature')}</th>
              <th scope="col">{t('ipr.f.heldByName')}</th>
              <th scope="col">{t('ipr.f.value')}</th>
            </tr>
          </thead>
          <tbody>
            {r.properties.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a filed return are fixed
              <tr key={i}>
                <td data-label={t('ipr.f.description')}>{p.description}</td>
                <td data-label={t('ipr.f.village')}>{[p.location.village, p.location.district, p.location.state].filter(Boolean).join(', ')}</td>
                <td data-label={t('ipr.f.nature')}>{p.nature}</td>
                <td data-label={t('ipr.f.heldByName')}>
                  {p.heldBy.name} ({p.heldBy.relationship})
                </td>
                <td data-label={t('ipr.f.value')}>{new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN').format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.abilities.includes('ipr.print') ? (
        <p className="toolbar">
          <a className="btn btn-secondary" href={`/api/v1/ipr/returns/${r.id}/print`} target="_blank" rel="noopener">
            {t('ipr.print')}
          </a>{' '}
          <a className="btn btn-secondary" href={`/api/v1/ipr/returns/${r.id}/print?format=pdf`}>
            {t('ipr.pdf')}
          </a>
        </p>
      ) : null}
      {r.abilities.includes('ipr.revise') ? (
        <form
          noValidate
          className="card rules-form"
          onSubmit={(e) => {
            e.preventDefault();
            revise.mutate();
          }}
        >
          <Field id={`${id}-reason`} label={t('ipr.reviseReason')} hint={t('ipr.reviseHint')} error={pe?.fieldMessage('reason')}>
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />}
          </Field>
          <button type="submit" className="btn btn-secondary" disabled={revise.isPending}>
            {t('ipr.revise')}
          </button>
          {revise.error && !pe?.fieldMessage('reason') ? <ErrorBox error={revise.error} /> : null}
        </form>
      ) : null}
    </>
  );
}

export function IprReturnPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['ipr', 'return', id], queryFn: ({ signal }) => api<IprReturn>(`/api/v1/ipr/returns/${encodeURIComponent(id)}`, { signal }), retry: false });
  const r = q.data;
  const [filedNow, setFiledNow] = useState(false);
  return (
    <Page title={r ? t('ipr.editTitle', { year: r.year, revision: r.revision }) : t('ipr.title')}>
      {r ? (
        <>
          <p>
            {bi(r.employee.name, lang)} · {r.employee.code} · {t(`ipr.kind.${r.kind}`)} · {t('ipr.asOn', { date: formatDate(r.asOn, lang) })}
          </p>
          {r.revisionReason ? <p className="small">{t('ipr.revisionReason', { reason: r.revisionReason })}</p> : null}
          {filedNow && r.status === 'FILED' ? (
            <p className="alert alert-success" role="status">
              {t('ipr.filed')}
            </p>
          ) : null}
          {r.status === 'DRAFT' && r.abilities.includes('ipr.edit') ? <DraftEditor key={r.version} r={r} onFiled={() => setFiledNow(true)} /> : <FiledView r={r} />}
          <NextStep>{r.status === 'DRAFT' ? t('ipr.next.CONTINUE_DRAFT') : t('ipr.next.FILED')}</NextStep>
          <p>
            <Link to="/ipr">{t('ipr.back')}</Link>
          </p>
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('ipr.unavailable')} />
      )}
    </Page>
  );
}

interface ComplianceItem {
  employeeId: string;
  employeeCode: string;
  name: { en: string; hi: string };
  grade: string;
  status: Status;
  filedOn: string | null;
  dueOn: string;
  returnId: string | null;
}
const STATUSES: readonly Status[] = ['NOT_FILED', 'PENDING', 'LATE', 'FILED', 'NOT_REQUIRED'];

function ImportForm() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const m = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('no file');
      const xlsx = /\.xlsx$/i.test(file.name);
      const content = xlsx ? btoa(Array.from(new Uint8Array(await file.arrayBuffer()), (b) => String.fromCharCode(b)).join('')) : await file.text();
      return api<{ imported: number; skipped: unknown[] }>('/api/v1/ipr/import', { method: 'POST', body: { format: xlsx ? 'xlsx' : 'csv', content } });
    },
    onSuccess: async () => qc.invalidateQueries({ queryKey: ['ipr'] }),
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ipr.import.title')}</h2>
      <p className="small">{t('ipr.import.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <Field id={`${id}-f`} label={t('ipr.import.file')} error={pe ? pe.detail : undefined}>
          {(p) => <input {...p} type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        {pe?.errors.length ? (
          <ul className="error-message">
            {pe.errors.slice(0, 20).map((x) => (
              <li key={x.field}>{x.message}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className="btn btn-secondary" disabled={!file || m.isPending}>
          {t('ipr.import.go')}
        </button>
        {m.data ? (
          <p className="alert alert-success" role="status">
            {t('ipr.import.done', { imported: m.data.imported, skipped: m.data.skipped.length })}
          </p>
        ) : null}
      </form>
    </section>
  );
}

interface FilingWindow {
  year: number;
  opens: string;
  closes: string;
  citation: { order: string; para?: string };
}

/**
 * The filing window of the return for `year` (position on 31 December; filed in the next year). Everyone on the
 * page sees it; the cadre authority sets it (opening day and due date, with the order or reason; audited) for that
 * year and the later ones — the windows of earlier years stay as they were.
 */
function FilingWindowSection({ me, year }: { me: Me; year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const q = useQuery({ queryKey: ['ipr', 'window', year], queryFn: ({ signal }) => api<FilingWindow>(`/api/v1/ipr/window${qs({ year })}`, { signal }), retry: false });
  const w = q.data;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ipr.windowAdmin.title', { year })}</h2>
      {w ? (
        <>
          <p>{t('ipr.window', { opens: formatDate(w.opens, lang), closes: formatDate(w.closes, lang) })}</p>
          <p className="muted small">{[w.citation.order, w.citation.para].filter(Boolean).join(', ')}</p>
          {hasAnyRole(me, ['CADRE_AUTHORITY']) ? <FilingWindowForm key={w.year} w={w} /> : null}
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('ipr.unavailable')} />
      )}
    </section>
  );
}

function FilingWindowForm({ w }: { w: FilingWindow }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const qc = useQueryClient();
  const filedIn = w.year + 1;
  const [opens, setOpens] = useState(w.opens);
  const [closes, setCloses] = useState(w.closes);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const m = useMutation({
    mutationFn: () => api<FilingWindow>('/api/v1/ipr/window', { method: 'PUT', body: { opens: opens.slice(5), closes: closes.slice(5), fromYear: w.year, reason: reason.trim() } }),
    onSuccess: async (x) => {
      qc.setQueryData(['ipr', 'window', w.year], x);
      await qc.invalidateQueries({ queryKey: ['ipr'] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const err = (f: string) => local[f] ?? pe?.fieldMessage(f);
  const inYear = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && d.startsWith(`${filedIn}-`);
  return (
    <form
      noValidate
      className="rules-form"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (!inYear(opens)) problems.opens = t('ipr.windowAdmin.inYear', { year: filedIn });
        if (!inYear(closes)) problems.closes = t('ipr.windowAdmin.inYear', { year: filedIn });
        else if (inYear(opens) && closes < opens) problems.closes = t('ipr.windowAdmin.afterOpening');
        if (reason.trim().length < 5) problems.reason = t('ipr.windowAdmin.reasonNeeded');
        setLocal(problems);
        if (Object.keys(problems).length === 0) m.mutate();
      }}
    >
      <p className="small">{t('ipr.windowAdmin.intro', { year: w.year })}</p>
      <div className="filter-grid">
        <Field id={`${id}-opens`} label={t('ipr.windowAdmin.opens')} error={err('opens')}>
          {(p) => <input {...p} type="date" min={`${filedIn}-01-01`} max={`${filedIn}-12-31`} value={opens} onChange={(e) => setOpens(e.target.value)} />}
        </Field>
        <Field id={`${id}-closes`} label={t('ipr.windowAdmin.closes')} error={err('closes')}>
          {(p) => <input {...p} type="date" min={`${filedIn}-01-01`} max={`${filedIn}-12-31`} value={closes} onChange={(e) => setCloses(e.target.value)} />}
        </Field>
      </div>
      <Field id={`${id}-reason`} label={t('ipr.windowAdmin.reason')} hint={t('ipr.windowAdmin.reasonHint')} error={err('reason')}>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
      </Field>
      {m.error && !pe?.fieldMessage('opens') && !pe?.fieldMessage('closes') && !pe?.fieldMessage('reason') ? <ErrorBox error={m.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={m.isPending}>
        {t('ipr.windowAdmin.set')}
      </button>
      {m.data ? (
        <p className="alert alert-success" role="status">
          {t('ipr.windowAdmin.done', { year: m.data.year, opens: formatDate(m.data.opens, lang), closes: formatDate(m.data.closes, lang) })}
        </p>
      ) : null}
    </form>
  );
}

/** Nodal Officer (own Ministry) and cadre authority (own cadres): filed / late / not filed, exports, reminders; import for the cadre authority. */
export function IprCompliancePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const raw = params.get('status') ?? '';
  const status = STATUSES.includes(raw as Status) ? raw : '';
  const query = { year, status, page, pageSize: 25 };
  const q = useQuery({
    queryKey: ['ipr', 'compliance', query],
    queryFn: ({ signal }) => api<ApiPage<ComplianceItem> & { counts: Record<string, number> }>(`/api/v1/ipr/compliance${qs(query)}`, { signal }),
    placeholderData: (p) => p,
    retry: false,
  });
  const remind = useMutation({ mutationFn: () => api<{ reminded: number }>('/api/v1/ipr/compliance/remind', { method: 'POST', body: { year } }) });
  const set = (k: string, v: string) => setParams({ year: String(year), status, ...{ [k]: v } });
  return (
    <Page title={t('ipr.compliance.title')} intro={t('ipr.compliance.intro')}>
      <div className="toolbar">
        <label htmlFor={`${id}-y`}>{t('ipr.year')}</label>{' '}
        <select id={`${id}-y`} value={year} onChange={(e) => set('year', e.target.value)}>
          {Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - 1 - i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>{' '}
        <label htmlFor={`${id}-s`}>{t('ipr.compliance.filter')}</label>{' '}
        <select id={`${id}-s`} value={status} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('ipr.compliance.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ipr.status.${s}`)} {q.data?.counts[s] != null ? `(${q.data.counts[s]})` : ''}
            </option>
          ))}
        </select>{' '}
        <a className="btn btn-secondary" href={`/api/v1/ipr/compliance${qs({ year, status, format: 'csv' })}`}>
          {t('ipr.compliance.csv')}
        </a>{' '}
        <a className="btn btn-secondary" href={`/api/v1/ipr/compliance${qs({ year, status, format: 'xlsx' })}`}>
          {t('ipr.compliance.xlsx')}
        </a>{' '}
        <button type="button" className="btn btn-primary" disabled={remind.isPending} onClick={() => remind.mutate()}>
          {t('ipr.compliance.remind')}
        </button>
      </div>
      {remind.data ? (
        <p className="alert alert-success" role="status">
          {t('ipr.compliance.reminded', { count: remind.data.reminded })}
        </p>
      ) : null}
      {remind.error ? <ErrorBox error={remind.error} /> : null}
      <QueryItems q={q} empty={t('ipr.compliance.empty')} unavailable={t('ipr.unavailable')}>
        {(data) => (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('ipr.compliance.cols.employee')}</th>
                  <th scope="col">{t('ipr.compliance.cols.grade')}</th>
                  <th scope="col">{t('ipr.compliance.cols.status')}</th>
                  <th scope="col">{t('ipr.compliance.cols.filedOn')}</th>
                  <th scope="col">{t('ipr.compliance.cols.due')}</th>
                  <th scope="col">{t('ipr.compliance.cols.open')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((i) => (
                  <tr key={i.employeeId}>
                    <td data-label={t('ipr.compliance.cols.employee')}>
                      {bi(i.name, lang)} <span className="muted small">· {i.employeeCode}</span>
                    </td>
                    <td data-label={t('ipr.compliance.cols.grade')}>{i.grade}</td>
                    <td data-label={t('ipr.compliance.cols.status')}>{t(`ipr.status.${i.status}`)}</td>
                    <td data-label={t('ipr.compliance.cols.filedOn')}>{i.filedOn ? formatDate(i.filedOn, lang) : '—'}</td>
                    <td data-label={t('ipr.compliance.cols.due')}>{formatDate(i.dueOn, lang)}</td>
                    <td data-label={t('ipr.compliance.cols.open')}>
                      {i.returnId && hasAnyRole(me, ['NODAL_OFFICER']) ? (
                        <Link to={`/ipr/returns/${i.returnId}`}>
                          {t('ipr.open')}
                          <span className="visually-hidden">: {bi(i.name, lang)}</span>
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set('page', String(p))} />
          </>
        )}
      </QueryItems>
      <NextStep>{t('ipr.compliance.next')}</NextStep>
      <FilingWindowSection me={me} year={year} />
      {hasAnyRole(me, ['CADRE_AUTHORITY']) ? <ImportForm /> : null}
    </Page>
  );
}
