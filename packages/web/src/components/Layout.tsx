import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { api, type Lang, lastServerContact, type Me, type NotificationPage, type Role } from '../api.ts';
import { LANGS, rememberLangInBrowser } from '../i18n/index.ts';
import { hasAnyRole, ME_KEY, markSessionEnded } from '../session.ts';

interface NavItem {
  to: string;
  key: string;
  roles?: readonly Role[];
  end?: boolean;
}

export const NAV: readonly NavItem[] = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/inbox', key: 'nav.inbox' },
  { to: '/profile', key: 'profile.nav', roles: ['EMPLOYEE'] },
  { to: '/dashboard', key: 'dashboard.nav', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/profiles', key: 'review.nav', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/validation-windows', key: 'windows.nav', roles: ['CADRE_AUTHORITY'] },
  { to: '/registration', key: 'registration.nav', roles: ['CADRE_AUTHORITY'] },
  { to: '/working-strength', key: 'strength.nav', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/employees', key: 'nav.employees', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/career', key: 'career.nav', roles: ['EMPLOYEE'] },
  { to: '/ccl', key: 'ccl.nav', roles: ['EMPLOYEE'] },
  { to: '/macp/due', key: 'career.due.nav', roles: ['NODAL_OFFICER'] },
  { to: '/ccl/decisions', key: 'ccl.decisions.nav', roles: ['NODAL_OFFICER'] },
  { to: '/vigilance', key: 'vigilance.nav', roles: ['EMPLOYEE', 'NODAL_OFFICER', 'AVD', 'CADRE_AUTHORITY'] },
  { to: '/ipr', key: 'ipr.nav', roles: ['EMPLOYEE'], end: true },
  { to: '/ipr/compliance', key: 'ipr.compliance.nav', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/foreign-visits', key: 'fv.nav', roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'AVD'] },
  { to: '/deputation', key: 'deputation.nav', roles: ['EMPLOYEE'] },
  { to: '/deputation/applications', key: 'deputation.applicationsNav', roles: ['EMPLOYEE', 'NODAL_OFFICER', 'CADRE_AUTHORITY', 'SUB_NODAL_OFFICER'] },
  { to: '/deputation/manage', key: 'deputation.manageNav', roles: ['SUB_NODAL_OFFICER', 'NODAL_OFFICER'] },
  { to: '/deputation/organisations', key: 'deputation.orgNav', roles: ['NODAL_OFFICER'] },
  { to: '/rotation', key: 'rotation.nav', roles: ['EMPLOYEE', 'CADRE_AUTHORITY'] },
  { to: '/interests', key: 'interests.nav', roles: ['EMPLOYEE'], end: true },
  { to: '/interests/aggregate', key: 'interests.aggregate.nav', roles: ['NODAL_OFFICER', 'CADRE_AUTHORITY'] },
  { to: '/orders', key: 'orders.nav' },
  { to: '/audit', key: 'nav.audit', roles: ['CADRE_AUTHORITY', 'ADMIN'] },
  { to: '/admin/users', key: 'nav.users', roles: ['ADMIN'] },
  { to: '/admin/outbox', key: 'nav.outbox', roles: ['ADMIN'] },
];

export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              CS
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.shortName')}</span>
              <span className="brand-full">{t('app.fullName')}</span>
              <span className="brand-govt">
                {t('app.dept')}, {t('app.govt')}
              </span>
            </span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch me={me} />
            {me ? <UserMenu me={me} /> : null}
          </div>
        </div>
      </header>
      {me ? <MainNav me={me} /> : null}
      {me ? <SessionTimeout me={me} /> : null}
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
        <p className="small">{t('app.onlineOnly')}</p>
      </footer>
    </div>
  );
}

function LanguageSwitch({ me }: { me: Me | null }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const current: Lang = i18n.language === 'hi' ? 'hi' : 'en';

  async function choose(lang: Lang) {
    if (lang === current) return;
    await i18n.changeLanguage(lang);
    setNote(t('lang.changed', { lng: lang }));
    if (me) {
      try {
        await api('/api/v1/me/language', { method: 'PUT', body: { lang } });
        qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user: { ...old.user, preferredLang: lang } } : old));
      } catch {
        rememberLangInBrowser(lang);
        setNote(t('lang.saveFailed', { lng: lang }));
      }
    } else {
      rememberLangInBrowser(lang);
    }
    // server texts (problem details, names of masters) come in the request's language
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }

  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} className="lang-btn" aria-pressed={current === l} onClick={() => void choose(l)}>
          {t(`lang.${l}`)}
        </button>
      ))}
      <span className="visually-hidden" role="status">
        {note}
      </span>
    </fieldset>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close on navigation
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  async function logout() {
    setBusy(true);
    setError(null);
    try {
      await api('/auth/logout', { method: 'POST', quiet401: true });
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status !== 401) {
        setBusy(false);
        setError((e as { detail?: string }).detail || t('common.networkError'));
        return;
      }
    }
    window.location.assign('/?login=out');
  }

  const roles = [...new Set(me.grants.map((g) => g.role))];
  return (
    <div className="user-menu" ref={box}>
      <button ref={button} type="button" className="user-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        <span className="visually-hidden">{t('user.menu')}: </span>
        <span className="user-name">{me.user.displayName}</span>
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-panel" hidden={!open}>
        <p className="user-panel-name">{t('user.loggedInAs', { name: me.user.displayName })}</p>
        <p className="small">
          {t('user.loginId')}: {me.user.loginId}
        </p>
        <p className="small">
          {t('user.roles')}: {roles.map((r) => t(`roles.${r}`)).join(', ') || '—'}
        </p>
        <p className="small muted">{t('user.sessionEnds', { minutes: Math.round(me.session.idleTimeoutSeconds / 60) })}</p>
        {error ? (
          <p className="error-message" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" className="btn btn-primary" onClick={() => void logout()} disabled={busy}>
          {busy ? t('user.loggingOut') : t('user.logout')}
        </button>
      </div>
    </div>
  );
}

type NavGroup = 'mine' | 'work' | 'admin';
const GROUPS: readonly NavGroup[] = ['mine', 'work', 'admin'];
/** Up to this many links the navigation is one flat row; beyond it, links are grouped behind disclosure buttons. */
const FLAT_MAX = 7;

/**
 * Which group a link belongs to for this person: their own services (an employee's), their official work
 * (Nodal Officer, cadre authority, AVD, Sub-Nodal Officer), or administration. Links without roles, Home and Inbox stay at the top.
 */
function groupOf(me: Me, item: NavItem): NavGroup | null {
  if (!item.roles || item.to === '/' || item.to === '/inbox') return null;
  if (item.roles.includes('EMPLOYEE') && hasAnyRole(me, ['EMPLOYEE'])) return 'mine';
  if (item.roles.includes('ADMIN') && hasAnyRole(me, ['ADMIN'])) return 'admin';
  return 'work';
}

function isActive(pathname: string, item: NavItem): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

function MainNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<NavGroup | null>(null);
  const location = useLocation();
  const listId = useId();
  const navRef = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close on navigation
  useEffect(() => {
    setOpen(false);
    setOpenGroup(null);
  }, [location.pathname]);
  useEffect(() => {
    if (!openGroup) return;
    const onDown = (e: MouseEvent) => {
      if (navRef.current && !navRef.current.contains(e.target as Node)) setOpenGroup(null);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        const button = navRef.current?.querySelector<HTMLButtonElement>(`[data-group="${openGroup}"]`);
        setOpenGroup(null);
        button?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [openGroup]);
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => api<NotificationPage>('/api/v1/notifications?page=1&pageSize=1', { signal }),
    // no polling: a timer's requests would keep an unattended session alive past its idle timeout.
    // The count is refreshed when the person moves to another page (and at most every 30 s).
    staleTime: 30_000,
    retry: false,
  });
  const { refetch: refetchUnread, isStale: unreadStale } = unread;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on navigation only
  useEffect(() => {
    if (unreadStale) void refetchUnread();
  }, [location.pathname]);
  const unreadCount = unread.data?.unread ?? 0;
  const items = NAV.filter((i) => !i.roles || hasAnyRole(me, i.roles));
  const grouped = items.length > FLAT_MAX;
  const top = grouped ? items.filter((i) => groupOf(me, i) === null) : items;
  const groups = grouped ? GROUPS.map((g) => ({ g, links: items.filter((i) => groupOf(me, i) === g) })).filter((x) => x.links.length > 0) : [];

  const link = (i: NavItem) => (
    // a link to the page already shown changes no location: close the menus here too
    <NavLink
      to={i.to}
      end={i.end}
      onClick={() => {
        setOpen(false);
        setOpenGroup(null);
      }}
    >
      {t(i.key)}
      {i.to === '/inbox' && unreadCount > 0 ? (
        <span className="badge">
          <span aria-hidden="true">{unreadCount}</span>
          <span className="visually-hidden">{t('nav.unreadCount', { count: unreadCount })}</span>
        </span>
      ) : null}
    </NavLink>
  );

  return (
    <nav className="main-nav" aria-label={t('nav.label')} ref={navRef}>
      <div className="nav-inner">
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          <span aria-hidden="true" className="burger">
            ☰
          </span>
          {t('nav.menu')}
        </button>
        <ul id={listId} className={open ? 'nav-list open' : 'nav-list'}>
          {top.map((i) => (
            <li key={i.to}>{link(i)}</li>
          ))}
          {groups.map(({ g, links }) => {
            const expanded = openGroup === g;
            const active = links.some((i) => isActive(location.pathname, i));
            return (
              <li key={g} className={expanded ? 'nav-group expanded' : 'nav-group'}>
                <button
                  type="button"
                  className={active ? 'nav-group-button has-active' : 'nav-group-button'}
                  data-group={g}
                  aria-expanded={expanded}
                  aria-controls={`${listId}-${g}`}
                  onClick={() => setOpenGroup(expanded ? null : g)}
                >
                  {t(`nav.groups.${g}`)}
                  <span aria-hidden="true" className="caret">
                    ▾
                  </span>
                </button>
                <span className="nav-group-label">
                  {t(`nav.groups.${g}`)}
                </span>
                <ul id={`${listId}-${g}`} className="nav-group-list">
                  {links.map((i) => (
                    <li key={i.to}>{link(i)}</li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

/**
 * WCAG 2.2.1 (timing adjustable): before the idle timeout ends the session, say so and offer to stay logged in.
 * The server counts idle time from its last request (touched at most once a minute), hence the 60 s margin.
 */
function SessionTimeout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const idleMs = me.session.idleTimeoutSeconds * 1000;
    const tick = () => {
      const remaining = idleMs - 60_000 - (Date.now() - lastServerContact);
      if (remaining <= 0) {
        markSessionEnded();
        void qc.invalidateQueries({ queryKey: ME_KEY });
        setLeft(null);
      } else setLeft(remaining <= 3 * 60_000 ? remaining : null);
    };
    tick();
    const id = window.setInterval(tick, 10_000);
    return () => window.clearInterval(id);
  }, [me.session.idleTimeoutSeconds, qc]);
  if (left === null) return null;
  return (
    <div className="session-warning" role="alert">
      <p>{t('session.ending', { minutes: Math.max(1, Math.ceil(left / 60_000)) })}</p>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => {
          void qc.invalidateQueries({ queryKey: ME_KEY });
          setLeft(null);
        }}
      >
        {t('session.stay')}
      </button>
    </div>
  );
}
