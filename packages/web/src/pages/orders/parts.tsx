import { Fragment } from 'react';
import './rules.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Reason } from './types.ts';

/** Text with the server's highlight markers «…» shown as <mark>: plain text nodes, never HTML. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/(«[^«»]*»)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('«') && p.endsWith('»') ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <mark key={i}>{p.slice(1, -1)}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}

/** A citation: the order (linked to the orders library when it is there) and its paragraph. */
export function CitationLink({ reason }: { reason: Reason }) {
  const c = reason.citation;
  const label = c.para ? `${c.order}, ${c.para}` : c.order;
  return c.orderId ? (
    <Link to={`/orders/${encodeURIComponent(c.orderId)}`} className="citation">
      {label}
    </Link>
  ) : (
    <span className="citation">{label}</span>
  );
}

/** Reasons of a decision in the user's language, each with its citation; `effect` shown when present. */
export function ReasonList({ reasons, label }: { reasons: Reason[]; label?: string }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="reason-list" aria-label={label}>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reasons may repeat a code
        <li key={`${r.code}-${i}`} className={r.effect ? `reason reason-${r.effect.toLowerCase()}` : 'reason'}>
          {r.effect ? <span className={r.effect === 'OK' ? 'tag tag-ok' : r.effect === 'BAR' ? 'tag tag-off' : 'tag tag-new'}>{t(`ccl.effect.${r.effect}`)}</span> : null}{' '}
          <span>{i18n.language === 'hi' ? r.hi : r.en}</span>{' '}
          <span className="small muted">
            (<CitationLink reason={r} />)
          </span>
        </li>
      ))}
    </ul>
  );
}

export function inr(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 }).format(n);
}

export const bi = (b: { en: string; hi: string }, lang: string) => (lang === 'hi' ? b.hi || b.en : b.en);
