import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Me, type Page as ApiPage, ProblemError, qs } from '../../api.ts';
import { ErrorBox, Field, Loading, NextStep, Page, Pager, QueryState } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { hasAnyRole } from '../../session.ts';
import './rotation.css';

interface Reason {
  code: string;
  en: string;
  hi: string;
  citation: { order: string; para?: string; orderId?: string };
  until?: string;
}
type Phase = 'UPCOMING' | 'PREFERENCES' | 'CLOSED' | 'ALLOCATED' | 'PUBLISHED';
type Method = 'residency-order' | 'max-satisfaction';
interface Round {
  id: number;
  cadre: string;
  grades: string[];
  title: string;
  initiationDate: string;
  windowOpens: string;
  windowCloses: string;
  publicationDate: string;
  status: 'OPEN' | 'ALLOCATED' | 'PUBLISHED';
  phase: Phase;
  daysLeft: number | null;
  method: Method;
  allocation: { objective: { placed: number; unplaced: number; notTaken: number; score: number }; reasons: Reason[] } | null;
  version: number;
  counts: { officers: number; eligible: number; exempted: number; withPreferences: number; vacancies: number } | null;
  abilities: string[];
}
interface Eligibility {
  employeeId: string;
  employeeCode: string;
  nameEn: string;
  nameHi: string;
  grade: string;
  ministryId: number | null;
  group: 'A' | 'B' | null;
  eligible: boolean;
  residencyFrom: string | null;
  requiredYears: number | null;
  reasons: Reason[];
  exemptionReason: string | null;
}
interface Choice {
  id: number;
  code: string;
  en: string;
  hi: string;
  group: 'A' | 'B';
}
interface Result {
  employeeId: string;
  employeeCode: string;
  nameEn: string;
  nameHi: string;
  grade: string;
  fromMinistryId: number;
  status: 'placed' | 'unplaced' | 'not-taken';
  ministryId: number | null;
  rank: number | null;
  /** where the allocation itself placed the officer (before any adjustment by hand) */
  engineMinistryId: number | null;
  engineRank: number | null;
  adjusted: boolean;
  adjustmentReason: string | null;
  explanation: {
    en: string;
    hi: string;
    reasons: Reason[];
    higher: Array<{ rank: number; ministryId: number | null; ministry: string; vacancies: number; longer: number; shorter: number; heldBy: Array<{ employeeCode: string; nameEn: string; nameHi: string }> }>;
  };
  version: number;
}
interface MyRound {
  round: Round;
  eligibility: Eligibility;
  preferences: { ministryIds: number[]; version: number } | null;
  choices: Choice[];
  profileFinal: boolean;
  result: Result | null;
}
interface Ministry {
  id: number;
  code: string;
  en: string;
  hi: string;
  rotationGroup: 'A' | 'B';
}

const GRADES: Record<string, string[]> = {
  CSS: ['CSS.ASO', 'CSS.SO', 'CSS.US', 'CSS.DS', 'CSS.DIR', 'CSS.JS'],
  CSSS: ['CSSS.PA', 'CSSS.PS', 'CSSS.PPS', 'CSSS.SPPS', 'CSSS.PSO'],
};

function useLang() {
  const { i18n } = useTranslation();
  return i18n.language === 'hi' ? 'hi' : 'en';
}

function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ul className="reasons">
      {reasons.map((r) => (
        <li key={`${r.code}-${r.en}`}>
          {r[lang]}
          {r.until ? <span className="muted"> ({t('rotation.me.until', { date: formatDate(r.until, lang) })})</span> : null}{' '}
          <span className="muted small">
            — {r.citation.orderId ? <Link to={`/orders/${encodeURIComponent(r.citation.orderId)}`}>{r.citation.order}</Link> : r.citation.order}
            {r.citation.para ? `, ${r.citation.para}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

function RoundFacts({ r }: { r: Round }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <dl className="facts">
      <dt>{t('rotation.grades')}</dt>
      <dd>{r.grades.join(', ')}</dd>
      <dt>{t('rotation.initiationDate')}</dt>
      <dd>{formatDate(r.initiationDate, lang)}</dd>
      <dt>{t('rotation.windowOpens')}</dt>
      <dd>{formatDate(r.windowOpens, lang)}</dd>
      <dt>{t('rotation.windowCloses')}</dt>
      <dd>
        {formatDate(r.windowCloses, lang)}
        {r.daysLeft != null ? <strong> · {t('rotation.daysLeft', { count: r.daysLeft })}</strong> : null}
      </dd>
      <dt>{t('rotation.publicationDate')}</dt>
      <dd>{formatDate(r.publicationDate, lang)}</dd>
    </dl>
  );
}

export function RotationRoundsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useQuery({ queryKey: ['rotation', 'rounds'], queryFn: () => api<{ items: Round[] }>('/api/v1/rotation/rounds') });
  const cadres = me.grants.filter((g) => g.role === 'CADRE_AUTHORITY').flatMap((g) => g.cadres ?? []).filter((c) => c in GRADES);
  return (
    <Page title={t('rotation.title')} intro={t('rotation.intro')}>
      {cadres.length ? <InitiateForm cadres={cadres} /> : null}
      <QueryState error={list.error} isPending={list.isPending} refetch={() => void list.refetch()} unavailable={t('rotation.unavailable')} />
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{t('rotation.none')}</p>
        ) : (
          <ul className="card-list">
            {list.data.items.map((r) => (
              <li key={r.id} className="card">
                <h2 className="h3">
                  <Link to={`/rotation/${r.id}`}>
                    {t('rotation.round', { id: r.id })} · {r.cadre} {r.title ? `· ${r.title}` : ''}
                  </Link>
                </h2>
                <p>
                  <span className="badge badge-info">{t(`rotation.phase.${r.phase}`)}</span>{' '}
                  {t('rotation.windowCloses')}: {formatDate(r.windowCloses, lang)}
                  {r.daysLeft != null ? ` · ${t('rotation.daysLeft', { count: r.daysLeft })}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </Page>
  );
}

function InitiateForm({ cadres }: { cadres: string[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ cadre: cadres[0], grades: [] as string[], title: '', initiationDate: '', windowOpens: '', windowCloses: '', publicationDate: '', method: 'residency-order' as Method });
  const go = useMutation({
    mutationFn: () =>
      api<Round>('/api/v1/rotation/rounds', {
        method: 'POST',
        body: {
          cadre: f.cadre,
          grades: f.grades,
          ...(f.title.trim() ? { title: f.title.trim() } : {}),
          initiationDate: f.initiationDate,
          ...(f.windowOpens ? { windowOpens: f.windowOpens } : {}),
          windowCloses: f.windowCloses,
          publicationDate: f.publicationDate,
          method: f.method,
        },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rotation'] }),
  });
  const err = go.error instanceof ProblemError ? go.error : null;
  const fe = (name: string) => err?.fieldMessage(name) ?? (err?.field?.startsWith(name) ? err.detail : undefined);
  const date = (key: 'initiationDate' | 'windowOpens' | 'windowCloses' | 'publicationDate', label: string, hint?: string) => (
    <Field id={`ri-${key}`} label={label} hint={hint} error={fe(key)}>
      {(p) => <input {...p} type="date" value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} required={key !== 'windowOpens'} />}
    </Field>
  );
  return (
    <details className="card">
      <summary>
        <strong>{t('rotation.initiate.title')}</strong>
      </summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          go.mutate();
        }}
      >
        <Field id="ri-cadre" label={t('rotation.initiate.cadre')} error={fe('cadre')}>
          {(p) => (
            <select {...p} value={f.cadre} onChange={(e) => setF({ ...f, cadre: e.target.value, grades: [] })}>
              {cadres.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className={fe('grades') ? 'field field-error' : 'field'} aria-describedby="ri-grades-hint">
          <legend>{t('rotation.initiate.grades')}</legend>
          <p id="ri-grades-hint" className="hint">
            {t('rotation.initiate.gradesHint')}
          </p>
          {fe('grades') ? <p className="error-message">{fe('grades')}</p> : null}
          {(GRADES[f.cadre] ?? []).map((g) => (
            <label key={g} className="check">
              <input type="checkbox" checked={f.grades.includes(g)} onChange={(e) => setF({ ...f, grades: e.target.checked ? [...f.grades, g] : f.grades.filter((x) => x !== g) })} />
              <span>{g}</span>
            </label>
          ))}
        </fieldset>
        <Field id="ri-title" label={t('rotation.initiate.titleLabel')} error={fe('title')}>
          {(p) => <input {...p} value={f.title} maxLength={200} onChange={(e) => setF({ ...f, title: e.target.value })} />}
        </Field>
        {date('initiationDate', t('rotation.initiationDate'), t('rotation.initiate.initiationHint'))}
        {date('windowOpens', t('rotation.windowOpens'), t('rotation.initiate.windowOpensHint'))}
        {date('windowCloses', t('rotation.windowCloses'))}
        {date('publicationDate', t('rotation.publicationDate'))}
        <Field id="ri-method" label={t('rotation.initiate.method')}>
          {(p) => (
            <select {...p} value={f.method} onChange={(e) => setF({ ...f, method: e.target.value as Method })}>
              <option value="residency-order">{t('rotation.method.residency-order')}</option>
              <option value="max-satisfaction">{t('rotation.method.max-satisfaction')}</option>
            </select>
          )}
        </Field>
        {err && !err.field ? <ErrorBox error={err} /> : null}
        {go.isSuccess ? (
          <p className="alert alert-success" role="status">
            {t('rotation.initiate.done')} <Link to={`/rotation/${go.data.id}`}>{t('rotation.open')}</Link>
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={go.isPending}>
          {t('rotation.initiate.submit')}
        </button>
      </form>
    </details>
  );
}

export function RotationRoundPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const round = useQuery({ queryKey: ['rotation', 'round', id], queryFn: () => api<Round>(`/api/v1/rotation/rounds/${id}`) });
  const mine = useQuery({
    queryKey: ['rotation', 'me', id],
    enabled: !!me.user.employeeId,
    retry: false,
    queryFn: async () => {
      try {
        return await api<MyRound>(`/api/v1/rotation/rounds/${id}/me`);
      } catch (e) {
        if (e instanceof ProblemError && e.status === 404) return null;
        throw e;
      }
    },
  });
  const r = round.data;
  const manager = !!r?.abilities.includes('rotation.round.manage');
  return (
    <Page title={r ? `${t('rotation.round', { id })} · ${r.cadre}${r.title ? ` · ${r.title}` : ''}` : t('rotation.title')}>
      <p>
        <Link to="/rotation">← {t('rotation.title')}</Link>
      </p>
      <QueryState error={round.error} isPending={round.isPending} refetch={() => void round.refetch()} unavailable={t('rotation.unavailable')} />
      {r ? (
        <>
          <p>
            <span className="badge badge-info">{t(`rotation.phase.${r.phase}`)}</span>
          </p>
          <RoundFacts r={r} />
          {mine.data ? <MyPlace data={mine.data} /> : mine.error ? <ErrorBox error={mine.error} /> : null}
          {manager && hasAnyRole(me, ['CADRE_AUTHORITY']) ? <Manage round={r} /> : null}
          {r.status === 'PUBLISHED' ? (
            <p className="actions">
              <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${id}/transfer-list`} target="_blank" rel="noopener">
                {t('rotation.manage.list')} · {t('rotation.manage.print')}
              </a>{' '}
              <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${id}/transfer-list?format=pdf`}>
                {t('rotation.manage.list')} · {t('rotation.manage.pdf')}
              </a>{' '}
              <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${id}/transfer-list?format=xlsx`}>
                {t('rotation.manage.list')} · {t('rotation.manage.xlsx')}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function MyPlace({ data }: { data: MyRound }) {
  const { t } = useTranslation();
  const lang = useLang();
  const e = data.eligibility;
  return (
    <section className="card" aria-labelledby="my-place">
      <h2 id="my-place">{t('rotation.me.title')}</h2>
      <p className={e.eligible ? 'alert alert-success' : 'alert alert-info'}>{e.eligible ? t('rotation.me.in') : t('rotation.me.out')}</p>
      {e.residencyFrom && e.requiredYears != null ? <p>{t('rotation.me.residency', { from: formatDate(e.residencyFrom, lang), years: e.requiredYears })}</p> : null}
      <h3>{t('rotation.me.why')}</h3>
      <ReasonList reasons={e.reasons} />
      {data.result ? <MyResult result={data.result} choices={data.choices} /> : null}
      {e.eligible && !data.result ? (
        data.profileFinal ? (
          <Preferences data={data} />
        ) : (
          <NextStep>
            {t('rotation.me.profileNeeded')} <Link to="/profile">{t('rotation.me.goProfile')}</Link>
          </NextStep>
        )
      ) : null}
    </section>
  );
}

function Preferences({ data }: { data: MyRound }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const byId = new Map(data.choices.map((c) => [c.id, c]));
  const name = (id: number) => (byId.get(id)?.[lang] ?? String(id));
  const [list, setList] = useState<number[]>(data.preferences?.ministryIds ?? []);
  const [pick, setPick] = useState('');
  const [said, setSaid] = useState('');
  useEffect(() => setList(data.preferences?.ministryIds ?? []), [data.preferences]);
  const open = data.round.phase === 'PREFERENCES';
  const save = useMutation({
    mutationFn: () => api<{ ministryIds: number[]; version: number }>(`/api/v1/rotation/rounds/${data.round.id}/preferences`, { method: 'PUT', body: { ministryIds: list, version: data.preferences?.version ?? 0 } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rotation', 'me', data.round.id] }),
    onError: (e) => {
      if (e instanceof ProblemError && e.code === 'STALE_VERSION') void qc.invalidateQueries({ queryKey: ['rotation', 'me', data.round.id] });
    },
  });
  const err = save.error instanceof ProblemError ? save.error : null;
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    const next = [...list];
    [next[i], next[j]] = [next[j], next[i]];
    setList(next);
    setSaid(t('rotation.prefs.moved', { name: name(next[j]), rank: j + 1 }));
  };
  const available = data.choices.filter((c) => !list.includes(c.id));
  return (
    <section aria-labelledby="prefs">
      <h3 id="prefs">{t('rotation.prefs.title')}</h3>
      <p>{open ? t('rotation.prefs.intro') : t('rotation.prefs.closed')}</p>
      {list.length === 0 ? <p className="muted">{t('rotation.prefs.empty')}</p> : null}
      <ol className="pref-list">
        {list.map((id, i) => (
          <li key={id}>
            <span>{name(id)}</span>
            {open ? (
              <span className="pref-tools">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('rotation.prefs.up', { name: name(id) })}>
                  ↑
                </button>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => move(i, 1)} disabled={i === list.length - 1} aria-label={t('rotation.prefs.down', { name: name(id) })}>
                  ↓
                </button>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => setList(list.filter((x) => x !== id))} aria-label={t('rotation.prefs.remove', { name: name(id) })}>
                  ✕
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
      {open ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Field id="pref-add" label={t('rotation.prefs.add')}>
            {(p) => (
              <span className="inline-field">
                <select {...p} value={pick} onChange={(e) => setPick(e.target.value)}>
                  <option value="">{t('rotation.prefs.choose')}</option>
                  {available.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c[lang]} ({c.code})
                    </option>
                  ))}
                </select>{' '}
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={!pick}
                  onClick={() => {
                    setList([...list, Number(pick)]);
                    setSaid(t('rotation.prefs.moved', { name: name(Number(pick)), rank: list.length + 1 }));
                    setPick('');
                  }}
                >
                  {t('rotation.prefs.addButton')}
                </button>
              </span>
            )}
          </Field>
          {err ? (
            err.code === 'STALE_VERSION' ? (
              <p className="alert alert-error" role="alert">
                {t('rotation.prefs.stale')}
              </p>
            ) : (
              <ErrorBox error={err} />
            )
          ) : null}
          {save.isSuccess ? (
            <p className="alert alert-success" role="status">
              {t('rotation.prefs.saved')}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={save.isPending || list.length === 0}>
            {t('rotation.prefs.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function MyResult({ result, choices }: { result: Result; choices: Choice[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const m = choices.find((c) => c.id === result.ministryId);
  const ministry = m ? m[lang] : String(result.ministryId ?? '');
  return (
    <section aria-labelledby="my-result">
      <h3 id="my-result">{t('rotation.result.title')}</h3>
      <p className="alert alert-info">
        {result.status === 'placed'
          ? result.rank
            ? t('rotation.result.placed', { ministry, rank: result.rank })
            : t('rotation.result.placedNoRank', { ministry })
          : result.status === 'unplaced'
            ? t('rotation.result.unplaced')
            : t('rotation.result.notTaken')}
      </p>
      {result.adjusted ? (
        <p>
          {result.engineMinistryId != null
            ? t('rotation.result.adjustedFrom', {
                ministry: choices.find((c) => c.id === result.engineMinistryId)?.[lang] ?? String(result.engineMinistryId),
                rank: result.engineRank ?? '—',
                reason: result.adjustmentReason ?? '',
              })
            : t('rotation.result.adjustedFromNone', { reason: result.adjustmentReason ?? '' })}
        </p>
      ) : null}
      <p>{result.explanation[lang]}</p>
      {result.explanation.higher.length ? (
        <>
          <h4>{t('rotation.result.higher')}</h4>
          <ul>
            {result.explanation.higher.map((h) => {
              const hm = choices.find((c) => c.id === h.ministryId);
              return (
                <li key={h.rank}>
                  {t('rotation.result.heldBy', {
                    rank: h.rank,
                    ministry: hm ? hm[lang] : h.ministry,
                    vacancies: h.vacancies,
                    names: h.heldBy.length ? h.heldBy.map((x) => `${lang === 'hi' ? x.nameHi || x.nameEn : x.nameEn} (${x.employeeCode})`).join(', ') : t('rotation.result.nobody'),
                    longer: h.longer,
                    shorter: h.shorter,
                  })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h4>{t('rotation.result.why')}</h4>
      <ReasonList reasons={result.explanation.reasons} />
    </section>
  );
}

function useMinistries() {
  const q = useQuery({ queryKey: ['masters', 'ministries', 'all'], queryFn: () => api<ApiPage<Ministry>>('/api/v1/masters/ministries?pageSize=100&active=true'), staleTime: 600_000 });
  return q.data?.items ?? [];
}

function Manage({ round }: { round: Round }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const c = round.counts;
  const reload = () => void qc.invalidateQueries({ queryKey: ['rotation'] });
  const [method, setMethod] = useState<Method>(round.method);
  const run = useMutation({ mutationFn: () => api<Round>(`/api/v1/rotation/rounds/${round.id}/allocation`, { method: 'POST', body: { version: round.version, method } }), onSettled: reload });
  const publish = useMutation({ mutationFn: () => api<Round>(`/api/v1/rotation/rounds/${round.id}/publish`, { method: 'POST', body: { version: round.version } }), onSettled: reload });
  const o = round.allocation?.objective;
  return (
    <>
      {c ? (
        <section className="card" aria-labelledby="summary">
          <h2 id="summary">{t('rotation.manage.summary')}</h2>
          <dl className="facts">
            <dt>{t('rotation.manage.officers')}</dt>
            <dd>{c.officers}</dd>
            <dt>{t('rotation.manage.eligible')}</dt>
            <dd>{c.eligible}</dd>
            <dt>{t('rotation.manage.exempted')}</dt>
            <dd>{c.exempted}</dd>
            <dt>{t('rotation.manage.withPreferences')}</dt>
            <dd>{c.withPreferences}</dd>
            <dt>{t('rotation.manage.vacancies')}</dt>
            <dd>{c.vacancies}</dd>
          </dl>
        </section>
      ) : null}
      <EligibilityList round={round} />
      {round.status !== 'PUBLISHED' ? <Vacancies round={round} /> : null}
      {round.status !== 'PUBLISHED' ? (
        <section className="card" aria-labelledby="alloc">
          <h2 id="alloc">{t('rotation.manage.allocationTitle')}</h2>
          <p>{t('rotation.manage.runIntro')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run.mutate();
            }}
          >
            <Field id="run-method" label={t('rotation.initiate.method')}>
              {(p) => (
                <select {...p} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                  <option value="residency-order">{t('rotation.method.residency-order')}</option>
                  <option value="max-satisfaction">{t('rotation.method.max-satisfaction')}</option>
                </select>
              )}
            </Field>
            {run.error ? <ErrorBox error={run.error} /> : null}
            {run.isSuccess ? (
              <p className="alert alert-success" role="status">
                {t('rotation.manage.ran')}
              </p>
            ) : null}
            <button type="submit" className="btn btn-primary" disabled={run.isPending || round.phase === 'UPCOMING' || round.phase === 'PREFERENCES'}>
              {t('rotation.manage.run')}
            </button>
          </form>
        </section>
      ) : null}
      {o ? <p role="status">{t('rotation.manage.objective', { placed: o.placed, unplaced: o.unplaced, notTaken: o.notTaken, score: o.score })}</p> : null}
      {round.status !== 'OPEN' ? <Results round={round} /> : null}
      {round.status === 'ALLOCATED' ? (
        <section className="card" aria-labelledby="pub">
          <h2 id="pub">{t('rotation.manage.publishTitle')}</h2>
          <p>{t('rotation.manage.publishIntro')}</p>
          <p className="actions">
            <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${round.id}/transfer-list?format=xlsx`}>
              {t('rotation.manage.list')} · {t('rotation.manage.xlsx')}
            </a>
          </p>
          {publish.error ? <ErrorBox error={publish.error} /> : null}
          <button type="button" className="btn btn-primary" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {t('rotation.manage.publish')}
          </button>
        </section>
      ) : null}
    </>
  );
}

function EligibilityList({ round }: { round: Round }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'' | 'true' | 'false'>('');
  const [exempting, setExempting] = useState<Eligibility | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['rotation', 'eligibility', round.id, page, filter],
    queryFn: () => api<ApiPage<Eligibility>>(`/api/v1/rotation/rounds/${round.id}/eligibility${qs({ page, pageSize: 25, eligible: filter || undefined })}`),
  });
  const ex = useMutation({
    mutationFn: (v: { e: Eligibility; exempt: boolean }) => api(`/api/v1/rotation/rounds/${round.id}/exemptions`, { method: 'POST', body: { employeeId: v.e.employeeId, exempt: v.exempt, reason } }),
    onSuccess: () => {
      setExempting(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['rotation'] });
    },
  });
  const err = ex.error instanceof ProblemError ? ex.error : null;
  const mlist = useMinistries();
  const mname = (id: number | null) => {
    const m = mlist.find((x) => x.id === id);
    return m ? m[lang] : id == null ? '—' : String(id);
  };
  return (
    <section className="card" aria-labelledby="elig">
      <h2 id="elig">{t('rotation.manage.eligibility')}</h2>
      <p className="actions">
        <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${round.id}/eligibility?format=csv`}>
          {t('rotation.manage.csv')}
        </a>{' '}
        <a className="btn btn-secondary" href={`/api/v1/rotation/rounds/${round.id}/eligibility?format=xlsx`}>
          {t('rotation.manage.xlsx')}
        </a>
      </p>
      <Field id="elig-filter" label={t('rotation.manage.filter')}>
        {(p) => (
          <select
            {...p}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as '' | 'true' | 'false');
              setPage(1);
            }}
          >
            <option value="">{t('rotation.manage.all')}</option>
            <option value="true">{t('rotation.manage.onlyIn')}</option>
            <option value="false">{t('rotation.manage.onlyOut')}</option>
          </select>
        )}
      </Field>
      {q.isPending ? <Loading /> : q.error ? <ErrorBox error={q.error} /> : (
        <>
                      <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('rotation.manage.name')}</th>
                  <th scope="col">{t('rotation.manage.ministry')}</th>
                  <th scope="col">{t('rotation.manage.status')}</th>
                  <th scope="col">{t('rotation.manage.reasons')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('rotation.manage.exempt')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((e) => (
                  <tr key={e.employeeId}>
                    <th scope="row">
                      {lang === 'hi' ? e.nameHi || e.nameEn : e.nameEn} <span className="muted small">{e.employeeCode} · {e.grade}</span>
                    </th>
                    <td data-label={t('rotation.manage.ministry')}>
                      {mname(e.ministryId)} {e.group ? `(${e.group})` : ''}
                    </td>
                    <td data-label={t('rotation.manage.status')}>{e.eligible ? t('rotation.manage.yes') : t('rotation.manage.no')}</td>
                    <td data-label={t('rotation.manage.reasons')}>
                      <ReasonList reasons={e.reasons} />
                    </td>
                    <td data-label={t('rotation.manage.exempt')}>
                      {round.status !== 'PUBLISHED' ? (
                        <button type="button" className="btn btn-secondary btn-small" onClick={() => setExempting(e)}>
                          {e.exemptionReason ? t('rotation.manage.lift') : t('rotation.manage.exempt')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          <Pager page={page} pageSize={25} total={q.data.total} onPage={setPage} />
        </>
      )}
      {exempting ? (
        <form
          className="card"
          aria-label={t('rotation.manage.exemptFor', { name: exempting.nameEn })}
          onSubmit={(e) => {
            e.preventDefault();
            ex.mutate({ e: exempting, exempt: !exempting.exemptionReason });
          }}
        >
          <h3>{t('rotation.manage.exemptFor', { name: lang === 'hi' ? exempting.nameHi || exempting.nameEn : exempting.nameEn })}</h3>
          <Field id="ex-reason" label={t('rotation.manage.reason')} hint={t('rotation.manage.reasonHint')} error={err?.fieldMessage('reason')}>
            {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={1000} />}
          </Field>
          {err && err.field !== 'reason' ? <ErrorBox error={err} /> : null}
          <button type="submit" className="btn btn-primary" disabled={ex.isPending}>
            {t('rotation.manage.save')}
          </button>{' '}
          <button type="button" className="btn btn-secondary" onClick={() => setExempting(null)}>
            {t('rotation.manage.cancel')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

interface VacancyRow {
  ministryId: number;
  grade: string;
  count: number;
}

function Vacancies({ round }: { round: Round }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['rotation', 'vacancies', round.id], queryFn: () => api<{ items: VacancyRow[]; fromWorkingStrength: VacancyRow[]; version: number }>(`/api/v1/rotation/rounds/${round.id}/vacancies`) });
  const [rows, setRows] = useState<Array<{ ministryId: string; grade: string; count: string }>>([]);
  useEffect(() => {
    if (q.data) setRows(q.data.items.map((v) => ({ ministryId: String(v.ministryId), grade: v.grade, count: String(v.count) })));
  }, [q.data]);
  const mlist = useMinistries();
  const save = useMutation({
    mutationFn: (fromWorkingStrength: boolean) =>
      api(`/api/v1/rotation/rounds/${round.id}/vacancies`, {
        method: 'PUT',
        body: fromWorkingStrength ? { version: round.version, fromWorkingStrength: true } : { version: round.version, items: rows.map((r) => ({ ministryId: Number(r.ministryId), grade: r.grade, count: Number(r.count) })) },
      }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['rotation'] }),
  });
  const err = save.error instanceof ProblemError ? save.error : null;
  return (
    <section className="card" aria-labelledby="vac">
      <h2 id="vac">{t('rotation.manage.vacancyTitle')}</h2>
      <p>{t('rotation.manage.vacancyIntro')}</p>
      {q.isPending ? <Loading /> : q.error ? <ErrorBox error={q.error} /> : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(false);
          }}
        >
                      <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('rotation.manage.ministry')}</th>
                  <th scope="col">{t('rotation.manage.grade')}</th>
                  <th scope="col">{t('rotation.manage.count')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('rotation.manage.removeRow')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                  <tr key={i}>
                    <td data-label={t('rotation.manage.ministry')}>
                      <select aria-label={`${t('rotation.manage.ministry')} ${i + 1}`} value={r.ministryId} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, ministryId: e.target.value } : x)))} aria-invalid={err?.fieldMessage(`items.${i}.ministryId`) ? true : undefined}>
                        <option value="">—</option>
                        {mlist.map((m) => (
                          <option key={m.id} value={m.id}>
                            {m[lang]} ({m.rotationGroup})
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t('rotation.manage.grade')}>
                      <select aria-label={`${t('rotation.manage.grade')} ${i + 1}`} value={r.grade} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, grade: e.target.value } : x)))}>
                        {round.grades.map((g) => (
                          <option key={g}>{g}</option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t('rotation.manage.count')}>
                      <input aria-label={`${t('rotation.manage.count')} ${i + 1}`} type="number" min={0} max={10000} inputMode="numeric" value={r.count} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, count: e.target.value } : x)))} />
                    </td>
                    <td data-label={t('rotation.manage.removeRow')}>
                      <button type="button" className="btn btn-secondary btn-small" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`${t('rotation.manage.removeRow')} ${i + 1}`}>
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          <p className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => setRows([...rows, { ministryId: '', grade: round.grades[0], count: '1' }])}>
              {t('rotation.manage.addVacancy')}
            </button>{' '}
            <button type="button" className="btn btn-secondary" onClick={() => save.mutate(true)} disabled={save.isPending}>
              {t('rotation.manage.fromStrength')} ({q.data.fromWorkingStrength.reduce((s, v) => s + v.count, 0)})
            </button>
          </p>
          {err ? (
            <p className="alert alert-error" role="alert">
              {err.code === 'STALE_VERSION' ? t('rotation.manage.stale') : err.detail}
            </p>
          ) : null}
          {save.isSuccess ? (
            <p className="alert alert-success" role="status">
              {t('rotation.manage.vacanciesSaved')}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('rotation.manage.saveVacancies')}
          </button>
        </form>
      )}
    </section>
  );
}

function Results({ round }: { round: Round }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Result | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['rotation', 'results', round.id, page], queryFn: () => api<ApiPage<Result>>(`/api/v1/rotation/rounds/${round.id}/results${qs({ page, pageSize: 25 })}`) });
  const mlist = useMinistries();
  const mname = (id: number | null) => {
    const m = mlist.find((x) => x.id === id);
    return m ? m[lang] : id == null ? '—' : String(id);
  };
  const adjust = useMutation({
    mutationFn: (r: Result) => api(`/api/v1/rotation/rounds/${round.id}/results/${r.employeeId}/adjust`, { method: 'POST', body: { version: r.version, ministryId: target ? Number(target) : null, reason } }),
    onSuccess: () => {
      setEditing(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['rotation'] });
    },
  });
  const err = adjust.error instanceof ProblemError ? adjust.error : null;
  return (
    <section className="card" aria-labelledby="results">
      <h2 id="results">{t('rotation.manage.results')}</h2>
      {q.isPending ? <Loading /> : q.error ? <ErrorBox error={q.error} /> : (
        <>
                      <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('rotation.manage.name')}</th>
                  <th scope="col">{t('rotation.manage.ministry')}</th>
                  <th scope="col">{t('rotation.manage.outcome')}</th>
                  <th scope="col">{t('rotation.manage.rank')}</th>
                  <th scope="col">{t('rotation.result.why')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('rotation.manage.adjust')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((r) => (
                  <tr key={r.employeeId}>
                    <th scope="row">
                      {lang === 'hi' ? r.nameHi || r.nameEn : r.nameEn} <span className="muted small">{r.employeeCode} · {r.grade}</span>
                    </th>
                    <td data-label={t('rotation.manage.ministry')}>
                      {mname(r.fromMinistryId)} → {mname(r.ministryId)}
                    </td>
                    <td data-label={t('rotation.manage.outcome')}>
                      {t(`rotation.status.${r.status}`)} {r.adjusted ? <span className="tag">{t('rotation.manage.adjustedTag')}</span> : null}
                    </td>
                    <td data-label={t('rotation.manage.rank')}>{r.rank ?? '—'}</td>
                    <td data-label={t('rotation.result.why')} className="small">{r.adjusted ? r.adjustmentReason : r.explanation[lang]}</td>
                    <td data-label={t('rotation.manage.adjust')}>
                      {round.status === 'ALLOCATED' ? (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => {
                            setEditing(r);
                            setTarget(r.ministryId ? String(r.ministryId) : '');
                          }}
                        >
                          {t('rotation.manage.adjust')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          <Pager page={page} pageSize={25} total={q.data.total} onPage={setPage} />
        </>
      )}
      {editing ? (
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            adjust.mutate(editing);
          }}
        >
          <h3>{t('rotation.manage.adjustFor', { name: lang === 'hi' ? editing.nameHi || editing.nameEn : editing.nameEn })}</h3>
          <Field id="adj-m" label={t('rotation.manage.newMinistry')} error={err?.fieldMessage('ministryId') ?? (err?.field === 'ministryId' ? err.detail : undefined)}>
            {(p) => (
              <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">{t('rotation.manage.unplace')}</option>
                {mlist.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m[lang]} ({m.rotationGroup})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="adj-r" label={t('rotation.manage.reason')} hint={t('rotation.manage.reasonHint')} error={err?.fieldMessage('reason')}>
            {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={1000} />}
          </Field>
          {err && err.field !== 'ministryId' && err.field !== 'reason' ? <ErrorBox error={err} /> : null}
          <button type="submit" className="btn btn-primary" disabled={adjust.isPending}>
            {t('rotation.manage.save')}
          </button>{' '}
          <button type="button" className="btn btn-secondary" onClick={() => setEditing(null)}>
            {t('rotation.manage.cancel')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
