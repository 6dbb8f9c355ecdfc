import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../components/ui.tsx';

/** Only same-origin paths may be a return address (no open redirect). */
export function safeReturnTo(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/auth/') ? path : '/';
}

export function LoginPage({ returnTo, sessionEnded }: { returnTo: string; sessionEnded?: boolean }) {
  const { t } = useTranslation();
  const [going, setGoing] = useState(false);
  const [params] = useSearchParams();
  const notice = params.get('login');
  function login() {
    setGoing(true);
    window.location.assign(`/auth/login?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`);
  }
  return (
    <Page title={t('login.title')}>
      {notice === 'cancelled' || notice === 'out' ? (
        <div className="alert alert-info" role="status">
          <p>{notice === 'cancelled' ? t('login.cancelled') : t('login.loggedOut')}</p>
        </div>
      ) : null}
      {notice === 'failed' ? (
        <div className="alert alert-error" role="alert">
          <p>{t('login.failed')}</p>
        </div>
      ) : null}
      {sessionEnded ? (
        <div className="alert alert-info" role="status">
          <p>{t('login.sessionEnded')}</p>
        </div>
      ) : null}
      <div className="login-grid">
        <section className="card login-card" aria-labelledby="login-how">
          <p className="lead">{t('login.intro')}</p>
          <p id="login-how">{t('login.how')}</p>
          <button type="button" className="btn btn-primary btn-large" onClick={login} disabled={going}>
            {going ? t('login.redirecting') : t('login.button')}
          </button>
          <p className="muted">{t('login.after')}</p>
        </section>
        <section className="card" aria-labelledby="login-services">
          <h2 id="login-services">{t('login.servicesTitle')}</h2>
          <ul className="ticks">
            <li>{t('login.services.profile')}</li>
            <li>{t('login.services.ipr')}</li>
            <li>{t('login.services.leave')}</li>
            <li>{t('login.services.status')}</li>
          </ul>
          <h2>{t('login.helpTitle')}</h2>
          <p>{t('login.helpEparichay')}</p>
          <p>{t('login.helpRecord')}</p>
        </section>
      </div>
    </Page>
  );
}

/** A page that explains why login did not lead into the portal and what to do, in numbered steps. */
function WhatToDoPage({ ns, steps }: { ns: 'unmatched' | 'disabled'; steps: number }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`${ns}.title`)}>
      <p className="lead">{t(`${ns}.body`)}</p>
      <section className="card" aria-labelledby={`${ns}-todo`}>
        <h2 id={`${ns}-todo`}>{t(`${ns}.whatToDo`)}</h2>
        <ol className="steps">
          {Array.from({ length: steps }, (_, i) => `${ns}.step${i + 1}`).map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ol>
      </section>
      <p>
        <Link to="/" className="btn btn-primary">
          {t(`${ns}.back`)}
        </Link>
      </p>
    </Page>
  );
}

export const UnmatchedPage = () => <WhatToDoPage ns="unmatched" steps={3} />;
export const AccountDisabledPage = () => <WhatToDoPage ns="disabled" steps={2} />;

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('common.notFoundTitle')}>
      <p>{t('common.notFound')}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t('common.goHome')}
        </Link>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('common.forbiddenTitle')}>
      <p>{t('common.forbidden')}</p>
      <p>
        <Link to="/" className="btn btn-primary">
          {t('common.goHome')}
        </Link>
      </p>
    </Page>
  );
}
