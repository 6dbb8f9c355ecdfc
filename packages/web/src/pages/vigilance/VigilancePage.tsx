import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type Me, ProblemError } from '../../api.ts';
import { ErrorBox, Field, NextStep, Page, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';
import { bi, ReasonList } from '../orders/parts.tsx';
import type { Reason } from '../orders/types.ts';

export interface Clearance {
  on: string;
  purpose: string;
  status: 'CLEAR' | 'WITHHELD';
  grounds?: Reason[];
  notes?: Reason[];
  reviewOn?: string;
  detailsHidden?: boolean;
}

interface VigEvent {
  id: number;
  type: string;
  date: string;
  orderRef: string;
  matter: string | null;
  note: string | null;
  correctsId: number | null;
  inForce: boolean;
  recordedAt: string;
}

interface Status {
  employee: { id: string; code: string; name: { en: string; hi: string }; grade: string };
  clearance: Clearance;
  plainWords: { en: string; hi: string };
  events: VigEvent[];
  abilities: string[];
}

const TYPES = [
  'SUSPENSION', 'SUSPENSION_REVOKED', 'AGREED_LIST_INCLUDED', 'AGREED_LIST_REMOVED', 'PROCEEDINGS_ORDERED', 'CHARGE_SHEET_SERVED', 'PROCEEDINGS_CONCLUDED',
  'CRIMINAL_CASE_ORDERED', 'CRIMINAL_CHARGE_SHEET_FILED', 'CRIMINAL_CASE_CONCLUDED', 'SANCTION_GRANTED', 'FIR', 'TRAP_RAID_CASE', 'PENALTY', 'COMPLAINT',
  'PRELIMINARY_INQUIRY', 'CLOSURE', 'CORRECTION',
] as const;
const OUTCOMES: Record<string, readonly string[]> = {
  PROCEEDINGS_CONCLUDED: ['EXONERATED', 'PENALTY', 'DROPPED'],
  CRIMINAL_CASE_CONCLUDED: ['ACQUITTED', 'CONVICTED', 'DISCHARGED', 'WITHDRAWN'],
};

/** Clear / withheld, with the grounds (each with its citation and the date it lapses) when the viewer may see them. */
export function ClearanceBox({ c, plain }: { c: Clearance; plain?: { en: string; hi: string } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className={c.status === 'CLEAR' ? 'alert alert-success' : 'alert alert-error'} role="status">
      <p className="alert-title">
        {c.status === 'CLEAR' ? t('vigilance.clear') : t('vigilance.withheld')} · {formatDate(c.on, lang)}
      </p>
      {plain ? <p>{bi(plain, lang)}</p> : null}
      {c.detailsHidden ? <p className="small">{t('fv.detail.hidden')}</p> : null}
      {c.grounds?.length ? <ReasonList reasons={c.grounds} label={t('vigilance.grounds')} /> : null}
      {c.reviewOn ? <p className="small">{t('vigilance.reviewOn', { date: formatDate(c.reviewOn, lang) })}</p> : null}
      {c.notes?.length ? (
        <details>
          <summary>{t('vigilance.notes')}</summary>
          <ReasonList reasons={c.notes} />
        </details>
      ) : null}
    </div>
  );
}

function StatusView({ s, own }: { s: Status; own: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <p>
        <strong>{bi(s.employee.name, lang)}</strong> <span className="muted">· {s.employee.code} · {s.employee.grade}</span>
      </p>
      <ClearanceBox c={s.clearance} {...(own ? { plain: s.plainWords } : {})} />
      <section aria-labelledby="vig-events">
        <h2 id="vig-events">{t('vigilance.events')}</h2>
        {s.events.length === 0 ? (
          <p className="empty">{t('vigilance.noEvents')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('vigilance.cols.date')}</th>
                <th scope="col">{t('vigilance.cols.type')}</th>
                <th scope="col">{t('vigilance.cols.order')}</th>
                <th scope="col">{t('vigilance.cols.matter')}</th>
                <th scope="col">{t('vigilance.cols.inForce')}</th>
              </tr>
            </thead>
            <tbody>
              {s.events.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('vigilance.cols.date')}>{formatDate(e.date, lang)}</td>
                  <td data-label={t('vigilance.cols.type')}>
                    {t(`vigilance.types.${e.type}`, { defaultValue: e.type })}
                    {e.correctsId ? <span className="muted small"> → #{e.correctsId}</span> : null} <span className="muted small">#{e.id}</span>
                    {e.note ? <div className="small muted">{e.note}</div> : null}
                  </td>
                  <td data-label={t('vigilance.cols.order')}>{e.orderRef || '—'}</td>
                  <td data-label={t('vigilance.cols.matter')}>{e.matter ?? '—'}</td>
                  <td data-label={t('vigilance.cols.inForce')}>{e.inForce ? t('vigilance.yes') : t('vigilance.superseded')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function RecordForm({ s }: { s: Status }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const empty = { type: 'SUSPENSION', date: '', matter: '', orderRef: '', note: '', severity: 'MINOR', penalty: '', currencyTo: '', outcome: '', sanction: 'PROSECUTION', corrects: '', replacementType: '', attachment: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState('');
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const event = () => {
    const base: Record<string, unknown> = { type: f.type, date: f.date, ...(f.matter.trim() ? { matter: f.matter.trim() } : {}), ...(f.note.trim() ? { note: f.note.trim() } : {}) };
    if (f.type === 'PENALTY') Object.assign(base, { severity: f.severity, penalty: f.penalty.trim(), ...(f.currencyTo ? { currencyTo: f.currencyTo } : {}) });
    if (OUTCOMES[f.type]) base.outcome = f.outcome || OUTCOMES[f.type][0];
    if (f.type === 'SANCTION_GRANTED') base.sanction = f.sanction;
    if (f.type === 'CORRECTION') Object.assign(base, { corrects: f.corrects, replacement: f.replacementType ? { type: f.replacementType, date: f.date } : null });
    return base;
  };
  const m = useMutation({
    mutationFn: () =>
      api<Status>(`/api/v1/vigilance/employees/${encodeURIComponent(s.employee.id)}/events`, {
        method: 'POST',
        body: { event: event(), orderRef: f.orderRef.trim(), attachments: f.attachment.trim() ? [{ name: f.attachment.trim() }] : [] },
      }),
    onSuccess: async () => {
      setDone(t('vigilance.saved'));
      setF(empty);
      await qc.invalidateQueries({ queryKey: ['vigilance'] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const err = (k: string) => pe?.fieldMessage(`event.${k}`) ?? pe?.fieldMessage(k);
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('vigilance.record')}</h2>
      <p className="small">{t('vigilance.recordIntro')}</p>
      <form
        noValidate
        className="rules-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          m.mutate();
        }}
      >
        <Field id={`${id}-type`} label={t('vigilance.type')} error={err('type')}>
          {(p) => (
            <select {...p} value={f.type} onChange={set('type')}>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`vigilance.types.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="filter-grid">
          <Field id={`${id}-date`} label={t('vigilance.date')} hint={t('vigilance.dateHint')} error={err('date')}>
            {(p) => <input {...p} type="date" value={f.date} onChange={set('date')} required />}
          </Field>
          <Field id={`${id}-order`} label={t('vigilance.orderRef')} error={err('orderRef')}>
            {(p) => <input {...p} value={f.orderRef} onChange={set('orderRef')} required maxLength={300} />}
          </Field>
        </div>
        <Field id={`${id}-matter`} label={t('vigilance.matter')} hint={t('vigilance.matterHint')} error={err('matter')}>
          {(p) => <input {...p} value={f.matter} onChange={set('matter')} maxLength={200} />}
        </Field>
        {f.type === 'PENALTY' ? (
          <div className="filter-grid">
            <Field id={`${id}-sev`} label={t('vigilance.severity')} error={err('severity')}>
              {(p) => (
                <select {...p} value={f.severity} onChange={set('severity')}>
                  <option value="MINOR">MINOR</option>
                  <option value="MAJOR">MAJOR</option>
                </select>
              )}
            </Field>
            <Field id={`${id}-pen`} label={t('vigilance.penalty')} error={err('penalty')}>
              {(p) => <input {...p} value={f.penalty} onChange={set('penalty')} maxLength={200} />}
            </Field>
            <Field id={`${id}-cur`} label={t('vigilance.currencyTo')} hint={t('vigilance.dateHint')} error={err('currencyTo')}>
              {(p) => <input {...p} type="date" value={f.currencyTo} onChange={set('currencyTo')} />}
            </Field>
          </div>
        ) : null}
        {OUTCOMES[f.type] ? (
          <Field id={`${id}-out`} label={t('vigilance.outcome')} error={err('outcome')}>
            {(p) => (
              <select {...p} value={f.outcome || OUTCOMES[f.type][0]} onChange={set('outcome')}>
                {OUTCOMES[f.type].map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {f.type === 'SANCTION_GRANTED' ? (
          <Field id={`${id}-san`} label={t('vigilance.sanction')} error={err('sanction')}>
            {(p) => (
              <select {...p} value={f.sanction} onChange={set('sanction')}>
                <option value="PROSECUTION">PROSECUTION</option>
                <option value="INVESTIGATION">INVESTIGATION</option>
              </select>
            )}
          </Field>
        ) : null}
        {f.type === 'CORRECTION' ? (
          <div className="filter-grid">
            <Field id={`${id}-cor`} label={t('vigilance.corrects')} error={err('corrects')}>
              {(p) => (
                <select {...p} value={f.corrects} onChange={set('corrects')}>
                  <option value="">—</option>
                  {s.events
                    .filter((e) => e.inForce)
                    .map((e) => (
                      <option key={e.id} value={String(e.id)}>
                        #{e.id} {t(`vigilance.types.${e.type}`, { defaultValue: e.type })} ({e.date})
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-rep`} label={t('vigilance.replacement')} error={err('replacement')}>
              {(p) => (
                <select {...p} value={f.replacementType} onChange={set('replacementType')}>
                  <option value="">{t('vigilance.replacementNone')}</option>
                  {TYPES.filter((x) => x !== 'CORRECTION' && x !== 'PENALTY' && !OUTCOMES[x] && x !== 'SANCTION_GRANTED').map((x) => (
                    <option key={x} value={x}>
                      {t(`vigilance.types.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
        <Field id={`${id}-note`} label={t('vigilance.note')} error={err('note')}>
          {(p) => <textarea {...p} value={f.note} onChange={set('note')} rows={2} maxLength={2000} />}
        </Field>
        <Field id={`${id}-att`} label={t('vigilance.attachment')} error={err('attachments.0.name')}>
          {(p) => <input {...p} value={f.attachment} onChange={set('attachment')} maxLength={200} />}
        </Field>
        {pe && !pe.errors.length ? <ErrorBox error={pe} /> : null}
        {pe?.errors.length ? (
          <p className="error-message" role="alert">
            {pe.detail}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('vigilance.save')}
        </button>
        {done ? (
          <p className="alert alert-success" role="status">
            {done}
          </p>
        ) : null}
      </form>
    </section>
  );
}

/** The employee's own status in plain words; officers look up an employee and (AVD, Nodal Officer) record events. */
export function VigilancePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const officer = hasAnyRole(me, ['AVD', 'NODAL_OFFICER', 'CADRE_AUTHORITY']);
  const [params, setParams] = useSearchParams();
  const code = params.get('employee') ?? '';
  const [input, setInput] = useState(code);
  const target = officer && code ? code : me.user.employeeId ? 'me' : '';
  const q = useQuery({
    queryKey: ['vigilance', target],
    queryFn: ({ signal }) => api<Status>(target === 'me' ? '/api/v1/vigilance/me' : `/api/v1/vigilance/employees/${encodeURIComponent(target)}`, { signal }),
    enabled: !!target,
    retry: false,
  });
  const own = target === 'me';
  return (
    <Page title={officer && !own ? t('vigilance.officerTitle') : t('vigilance.title')} intro={officer && !own ? t('vigilance.officerIntro') : t('vigilance.intro')}>
      {officer ? (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(input.trim() ? { employee: input.trim() } : {});
          }}
        >
          <Field id={`${id}-code`} label={t('vigilance.lookup')} hint={t('vigilance.lookupHint')}>
            {(p) => <input {...p} value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" />}
          </Field>
          <button type="submit" className="btn btn-secondary">
            {t('vigilance.find')}
          </button>
        </form>
      ) : null}
      {q.data ? (
        <>
          <StatusView s={q.data} own={own} />
          {q.data.abilities.includes('vigilance.record') ? <RecordForm s={q.data} /> : null}
          <NextStep>{own ? t('vigilance.nextEmployee') : t('vigilance.nextOfficer')}</NextStep>
        </>
      ) : target ? (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('vigilance.unavailable')} />
      ) : null}
    </Page>
  );
}
