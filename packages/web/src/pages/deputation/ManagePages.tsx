// Deputation (issue 6), the publishing side: the Nodal Officer onboards organisations and invites their
// sub-nodal officers; a sub-nodal officer (or the Nodal Officer for its Ministry's posts) drafts, publishes
// and amends advertisements.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page as ApiPage, ProblemError } from '../../api.ts';
import { ErrorBox, Field, Page, QueryItems } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { bi } from '../orders/parts.tsx';
import { AdvertisementDetails, type Advertisement } from './DeputationPages.tsx';

interface Officer {
  id: number;
  loginId: string;
  email: string | null;
  name: string;
  designation: string | null;
  status: 'ACTIVE' | 'REVOKED';
}
interface Organisation {
  id: number;
  ministryId: number;
  nameEn: string;
  nameHi: string;
  kind: 'PSU' | 'AUTONOMOUS' | 'ATTACHED' | 'SUBORDINATE' | 'OTHER';
  station: string | null;
  active: boolean;
  version: number;
  officers?: Officer[];
  abilities: string[];
}

const KINDS = ['PSU', 'AUTONOMOUS', 'ATTACHED', 'SUBORDINATE', 'OTHER'] as const;
const GRADES = ['CSS.ASO', 'CSS.SO', 'CSS.US', 'CSS.DS', 'CSS.DIR', 'CSSS.PA', 'CSSS.PS', 'CSSS.PPS', 'CSSS.SPPS', 'CSCS.JSA', 'CSCS.SSA'];
const LEVELS = ['6', '7', '8', '9', '10', '11', '12', '13', '13A', '14', '15'];
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

function useForm<T extends Record<string, string>>(init: T) {
  const [v, setV] = useState<T>(init);
  return { v, set: (k: keyof T) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }), reset: () => setV(init) };
}

function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ProblemError && error.field) return null;
  return <ErrorBox error={error} />;
}

function NewAdvertisement({ orgs }: { orgs: Organisation[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const f = useForm({ organisationId: String(orgs[0]?.id ?? ''), post: '', level: '10', posts: '1', station: '', cadre: 'CSS', grade: 'CSS.SO', minYears: '5', qualifications: '', documents: '', tenureYears: '', closingDate: '' });
  const m = useMutation({
    mutationFn: () =>
      api<Advertisement>('/api/v1/deputation/advertisements', {
        method: 'POST',
        body: {
          organisationId: Number(f.v.organisationId),
          post: f.v.post.trim(),
          level: f.v.level,
          posts: Number(f.v.posts),
          station: f.v.station.trim(),
          eligibleCadres: [f.v.grade.split('.')[0]],
          feeder: [{ grade: f.v.grade, minRegularServiceYears: Number(f.v.minYears) }],
          qualifications: lines(f.v.qualifications),
          documents: lines(f.v.documents),
          tenureYears: f.v.tenureYears ? Number(f.v.tenureYears) : null,
          closingDate: f.v.closingDate,
        },
      }),
    onSuccess: async () => {
      f.reset();
      await qc.invalidateQueries({ queryKey: ['deputation'] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  const err = (k: string) => pe?.fieldMessage(k);
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
      <h2 id={`${id}-h`}>{t('deputation.manage.new')}</h2>
      <Field id={`${id}-org`} label={t('deputation.manage.organisation')} error={err('organisationId')}>
        {(p) => (
          <select {...p} value={f.v.organisationId} onChange={f.set('organisationId')}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {bi({ en: o.nameEn, hi: o.nameHi }, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-post`} label={t('deputation.ad.post')} error={err('post')}>{(p) => <input {...p} value={f.v.post} maxLength={300} onChange={f.set('post')} required />}</Field>
      <Field id={`${id}-level`} label={t('deputation.ad.level')} error={err('level')}>
        {(p) => (
          <select {...p} value={f.v.level} onChange={f.set('level')}>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-posts`} label={t('deputation.ad.posts')} error={err('posts')}>{(p) => <input {...p} type="number" inputMode="numeric" min={1} value={f.v.posts} onChange={f.set('posts')} required />}</Field>
      <Field id={`${id}-station`} label={t('deputation.ad.station')} error={err('station')}>{(p) => <input {...p} value={f.v.station} maxLength={200} onChange={f.set('station')} required />}</Field>
      <Field id={`${id}-grade`} label={t('deputation.manage.feederGrade')} error={err('feeder') ?? err('feeder.0') ?? err('eligibleCadres')}>
        {(p) => (
          <select {...p} value={f.v.grade} onChange={f.set('grade')}>
            {GRADES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-years`} label={t('deputation.manage.minYears')} error={err('feeder.0.minRegularServiceYears')}>{(p) => <input {...p} type="number" inputMode="numeric" min={0} max={40} value={f.v.minYears} onChange={f.set('minYears')} />}</Field>
      <Field id={`${id}-q`} label={t('deputation.manage.qualifications')} error={err('qualifications')}>{(p) => <textarea {...p} rows={3} value={f.v.qualifications} onChange={f.set('qualifications')} />}</Field>
      <Field id={`${id}-d`} label={t('deputation.manage.documents')} error={err('documents')}>{(p) => <textarea {...p} rows={3} value={f.v.documents} onChange={f.set('documents')} />}</Field>
      <Field id={`${id}-tenure`} label={t('deputation.manage.tenureYears')} error={err('tenureYears')}>{(p) => <input {...p} type="number" inputMode="numeric" min={1} max={7} value={f.v.tenureYears} onChange={f.set('tenureYears')} />}</Field>
      <Field id={`${id}-closing`} label={t('deputation.ad.closing')} error={err('closingDate')}>{(p) => <input {...p} type="date" value={f.v.closingDate} onChange={f.set('closingDate')} required />}</Field>
      <Problem error={m.error} />
      {m.isSuccess ? <p role="status">{t('deputation.manage.created')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={m.isPending}>
          {t('deputation.manage.save')}
        </button>
      </div>
    </form>
  );
}

function AdCard({ a }: { a: Advertisement }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const [closing, setClosing] = useState(a.closingDate);
  const [posts, setPosts] = useState(String(a.posts));
  const [note, setNote] = useState('');
  const act = useMutation({
    mutationFn: (what: 'publish' | 'close' | 'amend') =>
      what === 'amend'
        ? api<Advertisement>(`/api/v1/deputation/advertisements/${encodeURIComponent(a.id)}`, {
            method: 'PUT',
            body: { version: a.version, changes: { ...(closing !== a.closingDate ? { closingDate: closing } : {}), ...(Number(posts) !== a.posts ? { posts: Number(posts) } : {}) }, ...(note.trim() ? { note: note.trim() } : {}) },
          })
        : api<Advertisement>(`/api/v1/deputation/advertisements/${encodeURIComponent(a.id)}/${what}`, { method: 'POST', body: { version: a.version } }),
    onSettled: async () => qc.invalidateQueries({ queryKey: ['deputation'] }),
  });
  const pe = act.error instanceof ProblemError ? act.error : null;
  return (
    <li className="card">
      <h2 className="card-title">
        {a.post} <span className="tag">{t(`deputation.state.${a.state}`)}</span>
      </h2>
      <AdvertisementDetails a={a} />
      {a.counts ? (
        <p>
          <Link to={`/deputation/applications?advertisementId=${encodeURIComponent(a.id)}`}>
            {a.counts.applications == null ? t('deputation.manage.forwardedOnly', { forwarded: a.counts.forwarded }) : t('deputation.manage.counts', { applications: a.counts.applications, forwarded: a.counts.forwarded })}
          </Link>
        </p>
      ) : null}
      {a.steps.includes('publish') ? (
        <button type="button" className="btn btn-primary" disabled={act.isPending} onClick={() => act.mutate('publish')}>
          {t('deputation.manage.publish')}
          <span className="visually-hidden">: {a.post}</span>
        </button>
      ) : null}
      {a.steps.includes('close') ? (
        <button type="button" className="btn btn-secondary" disabled={act.isPending} onClick={() => act.mutate('close')}>
          {t('deputation.manage.close')}
          <span className="visually-hidden">: {a.post}</span>
        </button>
      ) : null}
      {a.steps.includes('amend') ? (
        <details>
          <summary>{t('deputation.manage.amend')}</summary>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate('amend');
            }}
          >
            <Field id={`${id}-closing`} label={t('deputation.manage.amendClosing')} error={pe?.fieldMessage('changes.closingDate')}>
              {(p) => <input {...p} type="date" value={closing} onChange={(e) => setClosing(e.target.value)} />}
            </Field>
            <Field id={`${id}-posts`} label={t('deputation.manage.amendPosts')} error={pe?.fieldMessage('changes.posts')}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1} value={posts} onChange={(e) => setPosts(e.target.value)} />}
            </Field>
            <Field id={`${id}-note`} label={t('deputation.manage.note')} error={pe?.fieldMessage('note')}>
              {(p) => <textarea {...p} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={act.isPending}>
              {t('deputation.manage.amend')}
            </button>
          </form>
        </details>
      ) : null}
      {pe && !pe.field?.startsWith('changes') ? <ErrorBox error={pe} /> : null}
      <p className="muted small">{formatDate(a.closingDate, i18n.language)}</p>
    </li>
  );
}

/** Sub-nodal officer / Nodal Officer: the organisation's advertisements in every state, and a new draft. */
export function ManageAdvertisementsPage() {
  const { t } = useTranslation();
  const ads = useQuery({ queryKey: ['deputation', 'manage'], queryFn: ({ signal }) => api<ApiPage<Advertisement>>('/api/v1/deputation/advertisements/manage?pageSize=100', { signal }), retry: false });
  const orgs = useQuery({ queryKey: ['deputation', 'orgs'], queryFn: ({ signal }) => api<ApiPage<Organisation>>('/api/v1/organisations?active=true&pageSize=100', { signal }), retry: false });
  const mine = (orgs.data?.items ?? []).filter((o) => o.abilities.includes('deputation.ad.manage'));
  return (
    <Page title={t('deputation.manage.title')} intro={t('deputation.manage.intro')}>
      {mine.length ? <NewAdvertisement orgs={mine} /> : null}
      <QueryItems q={ads} empty={t('deputation.manage.empty')} unavailable={t('deputation.unavailable')}>
        {(data) => (
          <ul className="card-list">
            {data.items.map((a) => (
              <AdCard key={`${a.id}-${a.version}`} a={a} />
            ))}
          </ul>
        )}
      </QueryItems>
    </Page>
  );
}

function OrgCard({ o }: { o: Organisation }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['deputation', 'org', o.id], queryFn: ({ signal }) => api<Organisation>(`/api/v1/organisations/${o.id}`, { signal }), retry: false });
  const inv = useForm({ loginId: '', email: '', name: '', designation: '' });
  const [reason, setReason] = useState('');
  const invite = useMutation({
    mutationFn: () => api<Organisation>(`/api/v1/organisations/${o.id}/officers`, { method: 'POST', body: { loginId: inv.v.loginId.trim(), email: inv.v.email.trim(), name: inv.v.name.trim(), ...(inv.v.designation.trim() ? { designation: inv.v.designation.trim() } : {}) } }),
    onSuccess: async () => {
      inv.reset();
      await qc.invalidateQueries({ queryKey: ['deputation'] });
    },
  });
  const toggle = useMutation({
    mutationFn: () => api<Organisation>(`/api/v1/organisations/${o.id}/${o.active ? 'deactivate' : 'activate'}`, { method: 'POST', body: o.active ? { version: o.version, reason: reason.trim() } : { version: o.version } }),
    onSettled: async () => qc.invalidateQueries({ queryKey: ['deputation'] }),
  });
  const revoke = useMutation({
    mutationFn: (officerId: number) => api<Organisation>(`/api/v1/organisations/${o.id}/officers/${officerId}/revoke`, { method: 'POST', body: { reason: reason.trim() || 'Access ended by the Nodal Officer' } }),
    onSettled: async () => qc.invalidateQueries({ queryKey: ['deputation'] }),
  });
  const manage = o.abilities.includes('organisation.manage');
  const ie = invite.error instanceof ProblemError ? invite.error : null;
  const te = toggle.error instanceof ProblemError ? toggle.error : null;
  return (
    <li className="card">
      <h2 className="card-title">
        {bi({ en: o.nameEn, hi: o.nameHi }, i18n.language)} <span className={o.active ? 'tag tag-ok' : 'tag tag-off'}>{o.active ? t('deputation.org.active') : t('deputation.org.inactive')}</span>
      </h2>
      <p>
        {t(`deputation.org.kinds.${o.kind}`)}
        {o.station ? ` · ${o.station}` : ''}
      </p>
      <h3>{t('deputation.org.officers')}</h3>
      <ul>
        {(detail.data?.officers ?? []).map((f) => (
          <li key={f.id}>
            {f.name} ({f.loginId}{f.designation ? `, ${f.designation}` : ''}) — {t(`deputation.org.${f.status}`)}{' '}
            {manage && f.status === 'ACTIVE' ? (
              <button type="button" className="btn btn-secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(f.id)}>
                {t('deputation.org.revoke')}
                <span className="visually-hidden">: {f.name}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {manage && o.active ? (
        <details>
          <summary>{t('deputation.org.invite')}</summary>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate();
            }}
          >
            <Field id={`${id}-login`} label={t('deputation.org.loginId')} error={ie?.fieldMessage('loginId')}>{(p) => <input {...p} value={inv.v.loginId} onChange={inv.set('loginId')} required />}</Field>
            <Field id={`${id}-email`} label={t('deputation.org.email')} error={ie?.fieldMessage('email')}>{(p) => <input {...p} type="email" value={inv.v.email} onChange={inv.set('email')} required />}</Field>
            <Field id={`${id}-name`} label={t('deputation.org.name')} error={ie?.fieldMessage('name')}>{(p) => <input {...p} value={inv.v.name} onChange={inv.set('name')} required />}</Field>
            <Field id={`${id}-des`} label={t('deputation.org.designation')} error={ie?.fieldMessage('designation')}>{(p) => <input {...p} value={inv.v.designation} onChange={inv.set('designation')} />}</Field>
            <Problem error={invite.error} />
            <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
              {t('deputation.org.sendInvite')}
            </button>
          </form>
        </details>
      ) : null}
      {manage ? (
        <form
          noValidate
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            toggle.mutate();
          }}
        >
          {o.active ? (
            <Field id={`${id}-reason`} label={t('deputation.org.reason')} error={te?.fieldMessage('reason')}>
              {(p) => <input {...p} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} required />}
            </Field>
          ) : null}
          <button type="submit" className="btn btn-secondary" disabled={toggle.isPending}>
            {o.active ? t('deputation.org.deactivate') : t('deputation.org.activate')}
            <span className="visually-hidden">: {o.nameEn}</span>
          </button>
          <Problem error={toggle.error} />
        </form>
      ) : null}
    </li>
  );
}

/** Nodal Officer: organisations of the Ministry, onboarding, invitations, deactivation. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['deputation', 'orgs', 'all'], queryFn: ({ signal }) => api<ApiPage<Organisation>>('/api/v1/organisations?pageSize=100', { signal }), retry: false });
  const f = useForm({ nameEn: '', nameHi: '', kind: 'PSU', station: '' });
  const m = useMutation({
    mutationFn: () => api<Organisation>('/api/v1/organisations', { method: 'POST', body: { nameEn: f.v.nameEn.trim(), nameHi: f.v.nameHi.trim(), kind: f.v.kind, ...(f.v.station.trim() ? { station: f.v.station.trim() } : {}) } }),
    onSuccess: async () => {
      f.reset();
      await qc.invalidateQueries({ queryKey: ['deputation'] });
    },
  });
  const pe = m.error instanceof ProblemError ? m.error : null;
  return (
    <Page title={t('deputation.org.title')} intro={t('deputation.org.intro')}>
      <form
        noValidate
        className="card"
        aria-labelledby={`${id}-h`}
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <h2 id={`${id}-h`}>{t('deputation.org.onboard')}</h2>
        <Field id={`${id}-en`} label={t('deputation.org.nameEn')} error={pe?.fieldMessage('nameEn')}>{(p) => <input {...p} value={f.v.nameEn} maxLength={300} onChange={f.set('nameEn')} required />}</Field>
        <Field id={`${id}-hi`} label={t('deputation.org.nameHi')} error={pe?.fieldMessage('nameHi')}>{(p) => <input {...p} lang="hi" value={f.v.nameHi} maxLength={300} onChange={f.set('nameHi')} required />}</Field>
        <Field id={`${id}-kind`} label={t('deputation.org.kind')} error={pe?.fieldMessage('kind')}>
          {(p) => (
            <select {...p} value={f.v.kind} onChange={f.set('kind')}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`deputation.org.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-station`} label={t('deputation.org.station')} error={pe?.fieldMessage('station')}>{(p) => <input {...p} value={f.v.station} maxLength={200} onChange={f.set('station')} />}</Field>
        <Problem error={m.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={m.isPending}>
            {t('deputation.org.save')}
          </button>
        </div>
      </form>
      <QueryItems q={list} empty={t('deputation.org.empty')} unavailable={t('deputation.unavailable')}>
        {(data) => (
          <ul className="card-list">
            {data.items.map((o) => (
              <OrgCard key={`${o.id}-${o.version}`} o={o} />
            ))}
          </ul>
        )}
      </QueryItems>
    </Page>
  );
}
