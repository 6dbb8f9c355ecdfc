// "Competent authority for private foreign visits": the rules in force (by cadre, grade, Ministry) for the
// cadre authority and Nodal Officers; the cadre authority adds or removes a rule of its own cadres, with a reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Me, type Page as ApiPage, ProblemError } from '../../api.ts';
import { ErrorBox, Field, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';
import { bi } from '../orders/parts.tsx';

type Cadre = 'CSS' | 'CSSS' | 'CSCS';
const CADRES: readonly Cadre[] = ['CSS', 'CSSS', 'CSCS'];
const AUTHORITY: Record<Cadre, 'CS.I' | 'CS.II'> = { CSS: 'CS.I', CSSS: 'CS.II', CSCS: 'CS.II' };

interface Rule {
  cadre: Cadre;
  minRank?: number;
  grades?: string[];
  ministryIds?: number[];
  cadreAuthority: 'CS.I' | 'CS.II';
  needsAvdClearance: boolean;
}
interface Routes {
  version: number;
  inForce: { from: string | null; configured: boolean; rules: Array<Rule & { description: { en: string; hi: string } }>; citation: { order: string; para?: string } | null; reason: string | null };
}
interface Grade {
  code: string;
  cadre: Cadre;
  en: string;
  hi: string;
  rank: number;
}

const bare = ({ cadre, minRank, grades, ministryIds, cadreAuthority, needsAvdClearance }: Rule): Rule => ({
  cadre,
  ...(minRank != null ? { minRank } : {}),
  ...(grades?.length ? { grades } : {}),
  ...(ministryIds?.length ? { ministryIds } : {}),
  cadreAuthority,
  needsAvdClearance,
});

export function RouteRulesSection({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const q = useQuery({ queryKey: ['fv', 'routes'], queryFn: ({ signal }) => api<Routes>('/api/v1/foreign-visits/routes', { signal }), retry: false });
  const mine: Cadre[] = hasAnyRole(me, ['ADMIN'])
    ? [...CADRES]
    : CADRES.filter((c) => me.grants.some((g) => g.role === 'CADRE_AUTHORITY' && (g.cadres ?? []).includes(c)));
  const r = q.data;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('fv.routes.title')}</h2>
      <p className="small">{t('fv.routes.intro')}</p>
      {r ? (
        <>
          {r.inForce.rules.length === 0 ? (
            <p className="empty">{t('fv.routes.none')}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{t('fv.routes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fv.routes.cols.n')}</th>
                  <th scope="col">{t('fv.routes.cols.rule')}</th>
                  <th scope="col">{t('fv.routes.cols.avd')}</th>
                </tr>
              </thead>
              <tbody>
                {r.inForce.rules.map((x, i) => (
                  <tr key={JSON.stringify(bare(x))}>
                    <td data-label={t('fv.routes.cols.n')}>{i + 1}</td>
                    <td data-label={t('fv.routes.cols.rule')}>{bi(x.description, lang)}</td>
                    <td data-label={t('fv.routes.cols.avd')}>{x.needsAvdClearance ? t('fv.routes.yes') : t('fv.routes.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted small">
            {r.inForce.from ? t('fv.routes.since', { date: formatDate(r.inForce.from, lang) }) : null} {r.inForce.citation ? [r.inForce.citation.order, r.inForce.citation.para].filter(Boolean).join(', ') : null}
            {r.inForce.reason ? ` — ${r.inForce.reason}` : null}
          </p>
          <p className="small">{t('fv.routes.otherwise')}</p>
          {mine.length ? <RouteRulesForm routes={r} cadres={mine} /> : null}
        </>
      ) : (
        <QueryState error={q.error} isPending={q.isPending} refetch={() => void q.refetch()} unavailable={t('fv.unavailable')} />
      )}
    </section>
  );
}

function RouteRulesForm({ routes, cadres }: { routes: Routes; cadres: Cadre[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const qc = useQueryClient();
  const current = routes.inForce.rules.map(bare);
  const [mode, setMode] = useState<'add' | 'remove'>('add');
  const [cadre, setCadre] = useState<Cadre>(cadres[0]);
  const [minRank, setMinRank] = useState('');
  const [grades, setGrades] = useState<string[]>([]);
  const [ministries, setMinistries] = useState<number[]>([]);
  const [avd, setAvd] = useState(true);
  const [remove, setRemove] = useState('');
  const [reason, setReason] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const gq = useQuery({ queryKey: ['masters', 'grades'], staleTime: 3_600_000, queryFn: () => api<{ items: Grade[] }>('/api/v1/masters/grades') });
  const mq = useQuery({ queryKey: ['masters', 'ministries', 'all'], staleTime: 600_000, queryFn: () => api<ApiPage<{ id: number; code: string; en: string; hi: string }>>('/api/v1/masters/ministries?pageSize=100&active=true') });
  const ofCadre = (gq.data?.items ?? []).filter((g) => g.cadre === cadre).sort((a, b) => a.rank - b.rank);
  const removable = current.map((x, i) => ({ x, i })).filter(({ x }) => cadres.includes(x.cadre));
  const newIndex = current.length;
  const m = useMutation({
    mutationFn: (rules: Rule[]) =>
      api<Routes>('/api/v1/foreign-visits/routes', { method: 'PUT', body: { version: routes.version, rules, reason: reason.trim(), ...(orderRef.trim() ? { orderRef: orderRef.trim() } : {}) } }),
    onSuccess: (x) => {
      qc.setQueryData(['fv', 'routes'], x);
      setReason('');
      setOrderRef('');
      setRemove('');
      setGrades([]);
      setMinRank('');
      setMinistries([]);
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const server = (f: string) => {
    if (!pe) return undefined;
    const strip = (x: string) => x.replace(/^body\./, '');
    const hit = pe.errors.find((e) => strip(e.field) === f || strip(e.field).startsWith(`${f}.`));
    return hit?.message ?? pe.fieldMessage(f);
  };
  const ruleField = (f: string) => server(`rules.${newIndex}.${f}`);
  const err = (f: string) => local[f] ?? (f === 'reason' || f === 'orderRef' ? server(f) : mode === 'add' ? ruleField(f) : undefined);
  const shown = ['reason', 'orderRef', 'grades', 'minRank', 'ministryIds', 'cadre', 'cadreAuthority'].some((f) => err(f));
  return (
    <form
      noValidate
      className="rules-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (reason.trim().length < 5) problems.reason = t('fv.routes.reasonNeeded');
        if (mode === 'add' && !minRank && grades.length === 0) problems.minRank = t('fv.routes.gradesNeeded');
        if (mode === 'remove' && remove === '') problems.remove = t('fv.routes.removeNeeded');
        setLocal(problems);
        if (Object.keys(problems).length) return;
        if (mode === 'add') {
          const rule = bare({ cadre, ...(minRank ? { minRank: Number(minRank) } : {}), grades, ministryIds: ministries, cadreAuthority: AUTHORITY[cadre], needsAvdClearance: avd });
          m.mutate([...current, rule]);
        } else m.mutate(current.filter((_, i) => String(i) !== remove));
      }}
    >
      <h3 id={`${id}-h`}>{t('fv.routes.change')}</h3>
      <fieldset>
        <legend>{t('fv.routes.what')}</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'add'} onChange={() => setMode('add')} /> {t('fv.routes.add')}
        </label>{' '}
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'remove'} onChange={() => setMode('remove')} disabled={removable.length === 0} /> {t('fv.routes.remove')}
        </label>
      </fieldset>
      {mode === 'add' ? (
        <>
          <div className="filter-grid">
            <Field id={`${id}-cadre`} label={t('fv.routes.cadre')} error={err('cadre')}>
              {(p) => (
                <select
                  {...p}
                  value={cadre}
                  onChange={(e) => {
                    setCadre(e.target.value as Cadre);
                    setMinRank('');
                    setGrades([]);
                  }}
                >
                  {cadres.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-auth`} label={t('fv.routes.authority')} hint={t('fv.routes.authorityHint')} error={err('cadreAuthority')}>
              {(p) => <input {...p} readOnly value={AUTHORITY[cadre]} />}
            </Field>
            <Field id={`${id}-min`} label={t('fv.routes.minRank')} hint={t('fv.routes.minRankHint')} error={err('minRank')}>
              {(p) => (
                <select {...p} value={minRank} onChange={(e) => setMinRank(e.target.value)}>
                  <option value="">{t('fv.routes.noMin')}</option>
                  {ofCadre.map((g) => (
                    <option key={g.code} value={g.rank}>
                      {t('fv.routes.andAbove', { grade: bi(g, lang) })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset aria-describedby={err('grades') ? `${id}-grades-error` : undefined}>
            <legend>{t('fv.routes.grades')}</legend>
            {err('grades') ? (
              <p id={`${id}-grades-error`} className="error-message">
                {err('grades')}
              </p>
            ) : null}
            {ofCadre.map((g) => (
              <label key={g.code} className="check">
                <input type="checkbox" checked={grades.includes(g.code)} onChange={(e) => setGrades(e.target.checked ? [...grades, g.code] : grades.filter((x) => x !== g.code))} /> {bi(g, lang)}
              </label>
            ))}
          </fieldset>
          <Field id={`${id}-min-m`} label={t('fv.routes.ministries')} hint={t('fv.routes.ministriesHint')} error={err('ministryIds')}>
            {(p) => (
              <select
                {...p}
                multiple
                size={6}
                value={ministries.map(String)}
                onChange={(e) => setMinistries(Array.from(e.target.selectedOptions, (o) => Number(o.value)))}
              >
                {(mq.data?.items ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.id} · {bi(x, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>{t('fv.routes.avd')}</legend>
            <label>
              <input type="radio" name={`${id}-avd`} checked={avd} onChange={() => setAvd(true)} /> {t('fv.routes.yes')}
            </label>{' '}
            <label>
              <input type="radio" name={`${id}-avd`} checked={!avd} onChange={() => setAvd(false)} /> {t('fv.routes.no')}
            </label>
          </fieldset>
        </>
      ) : (
        <Field id={`${id}-rm`} label={t('fv.routes.which')} error={err('remove')}>
          {(p) => (
            <select {...p} value={remove} onChange={(e) => setRemove(e.target.value)}>
              <option value="">{t('fv.routes.choose')}</option>
              {removable.map(({ i }) => (
                <option key={i} value={i}>
                  {i + 1}. {bi(routes.inForce.rules[i].description, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id={`${id}-reason`} label={t('fv.routes.reason')} hint={t('fv.routes.reasonHint')} error={err('reason')}>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
      </Field>
      <Field id={`${id}-order`} label={t('fv.routes.orderRef')} error={err('orderRef')}>
        {(p) => <input {...p} value={orderRef} onChange={(e) => setOrderRef(e.target.value)} maxLength={200} />}
      </Field>
      {m.error && !shown ? <ErrorBox error={m.error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={m.isPending}>
        {mode === 'add' ? t('fv.routes.addButton') : t('fv.routes.removeButton')}
      </button>
      {m.data ? (
        <p className="alert alert-success" role="status">
          {t('fv.routes.done')}
        </p>
      ) : null}
    </form>
  );
}
