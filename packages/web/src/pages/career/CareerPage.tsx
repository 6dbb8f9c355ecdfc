import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ProblemError } from '../../api.ts';
import { ErrorBox, Loading, Page } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { bi, inr, ReasonList } from '../orders/parts.tsx';
import type { Career, CareerStep } from '../orders/types.ts';

const STATUS_CLASS: Record<CareerStep['status'], string> = {
  GRANTED: 'tag tag-ok',
  DUE: 'tag tag-new',
  PROSPECTIVE: 'tag',
  BLOCKED: 'tag tag-off',
  DEFERRED: 'tag tag-off',
};

function Step({ s, n }: { s: CareerStep; n: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `step-${n}`;
  return (
    <li className="card career-step" aria-labelledby={headingId}>
      <h3 id={headingId} className="message-title">
        <span className={STATUS_CLASS[s.status]}>{t(`career.status.${s.status}`)}</span> {t(`career.kind.${s.kind}`)}
        {s.number ? <span className="muted small"> · {t('career.number', { n: s.number })}</span> : null}
      </h3>
      <p>
        <strong>{t('career.levels', { from: s.fromLevel, to: s.toLevel })}</strong> · {t('career.effective', { date: formatDate(s.date, lang) })}
        {s.completionDate !== s.date ? <span className="muted"> · {t('career.completion', { date: formatDate(s.completionDate, lang) })}</span> : null}
      </p>
      <p>{s.pay ? t('career.payAfter', { pay: inr(s.pay.toPay, lang), cell: s.pay.toCell, level: s.pay.toLevel }) : <span className="muted">{t('career.payUnknown')}</span>}</p>
      <details>
        <summary>{t('career.reasons')}</summary>
        <ReasonList reasons={[...s.reasons, ...(s.pay?.reasons ?? [])]} />
      </details>
    </li>
  );
}

export function CareerView({ career }: { career: Career }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <p className="muted">
        {bi(career.employee.name, lang)} · {career.employee.code} · {bi(career.employee.grade, lang)} · {bi(career.employee.ministry, lang)}
      </p>
      <p>{t('career.asOn', { date: formatDate(career.asOn, lang) })}</p>
      {career.eligible ? (
        <ul className="ticks">
          <li>{t('career.serviceStart', { date: formatDate(career.serviceStart, lang) })}</li>
          <li>{t('career.counted', { count: career.countedAsOn })}</li>
          <li>{career.next ? t('career.next', { level: career.next.toLevel, date: formatDate(career.next.date, lang) }) : t('career.noNext')}</li>
        </ul>
      ) : (
        <div className="alert alert-info" role="note">
          <p>{t('career.notEligible')}</p>
        </div>
      )}
      <h2>{t('career.timeline')}</h2>
      <ol className="message-list career-timeline">
        {career.steps.map((s, i) => (
          <Step key={`${s.kind}-${s.date}-${s.toLevel}`} s={s} n={i} />
        ))}
      </ol>
      {career.reasons.length ? (
        <>
          <h2>{t('career.general')}</h2>
          <ReasonList reasons={career.reasons} />
        </>
      ) : null}
    </>
  );
}

/** "My career" (/career) and an employee's career for the Nodal Officer or cadre authority (/employees/:id/career). */
export function CareerPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const url = id ? `/api/v1/employees/${encodeURIComponent(id)}/career` : '/api/v1/me/career';
  const q = useQuery({ queryKey: ['career', id ?? 'me'], queryFn: ({ signal }) => api<Career>(url, { signal }), retry: false });
  const title = id && q.data ? t('career.titleOf', { name: bi(q.data.employee.name, i18n.language) }) : t('career.title');
  return (
    <Page title={title} intro={id ? undefined : t('career.intro')}>
      {q.data ? (
        <CareerView career={q.data} />
      ) : q.error ? (
        q.error instanceof ProblemError && q.error.status === 404 && !id ? (
          <div className="alert alert-info" role="status">
            <p>{t('career.noEmployee')}</p>
          </div>
        ) : (
          <ErrorBox error={q.error} onRetry={() => void q.refetch()} />
        )
      ) : (
        <Loading />
      )}
    </Page>
  );
}
