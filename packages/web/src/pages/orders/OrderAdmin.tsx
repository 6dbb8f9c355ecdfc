import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../api.ts';
import { ErrorBox, Field } from '../../components/ui.tsx';

type Errors = Record<string, string | undefined>;

function fieldErr(local: Errors, e: unknown, name: string): string | undefined {
  return local[name] ?? (e instanceof ProblemError ? e.fieldMessage(name) : undefined);
}

/** The administrator adds an order to the library (POST /api/v1/orders). */
export function AddOrderForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const empty = { code: '', number: '', date: '', department: '', subject: '', text: '', fullText: true };
  const [f, setF] = useState(empty);
  const [local, setLocal] = useState<Errors>({});
  const [done, setDone] = useState('');
  const m = useMutation({
    mutationFn: () =>
      api<{ code: string }>('/api/v1/orders', {
        method: 'POST',
        body: { code: f.code.trim(), number: f.number.trim(), date: f.date || null, department: f.department.trim(), subject: f.subject.trim(), text: f.text.trim(), fullText: f.fullText },
      }),
    onSuccess: async (r) => {
      setDone(t('orders.admin.added', { code: r.code }));
      setF(empty);
      await qc.invalidateQueries({ queryKey: ['orders'] });
    },
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const err = (n: string) => fieldErr(local, m.error, n);
  return (
    <details className="card rules-admin">
      <summary>{t('orders.admin.add')}</summary>
      <form
        noValidate
        className="rules-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          const missing: Errors = {};
          for (const k of ['code', 'number', 'department', 'subject', 'text'] as const) if (!f[k].trim()) missing[k] = t('orders.admin.required');
          setLocal(missing);
          if (Object.keys(missing).length === 0) m.mutate();
        }}
      >
        <Field id={`${id}-code`} label={t('orders.admin.code')} hint={t('orders.admin.codeHint')} error={err('code')}>
          {(p) => <input {...p} value={f.code} onChange={set('code')} maxLength={64} autoComplete="off" required />}
        </Field>
        <Field id={`${id}-number`} label={t('orders.admin.number')} error={err('number')}>
          {(p) => <input {...p} value={f.number} onChange={set('number')} maxLength={200} required />}
        </Field>
        <Field id={`${id}-date`} label={t('orders.admin.date')} error={err('date')}>
          {(p) => <input {...p} type="date" value={f.date} onChange={set('date')} />}
        </Field>
        <Field id={`${id}-dept`} label={t('orders.admin.department')} error={err('department')}>
          {(p) => <input {...p} value={f.department} onChange={set('department')} maxLength={300} required />}
        </Field>
        <Field id={`${id}-subject`} label={t('orders.admin.subject')} error={err('subject')}>
          {(p) => <input {...p} value={f.subject} onChange={set('subject')} maxLength={1000} required />}
        </Field>
        <Field id={`${id}-text`} label={t('orders.admin.text')} error={err('text')}>
          {(p) => <textarea {...p} rows={8} value={f.text} onChange={set('text')} required />}
        </Field>
        <div className="field rules-check">
          <label>
            <input type="checkbox" checked={f.fullText} onChange={(e) => setF((x) => ({ ...x, fullText: e.target.checked }))} /> {t('orders.admin.fullText')}
          </label>
        </div>
        {m.error && !(m.error instanceof ProblemError && m.error.field) ? <ErrorBox error={m.error} /> : null}
        <p role="status">{done}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={m.isPending}>
            {t('orders.admin.save')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The administrator attaches a rule version to an order (POST /api/v1/orders/:code/rule-versions). */
export function AttachRuleVersionForm({ code }: { code: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const empty = { ruleKey: '', effectiveFrom: '', para: '', parameters: '{}' };
  const [f, setF] = useState(empty);
  const [local, setLocal] = useState<Errors>({});
  const [done, setDone] = useState('');
  const m = useMutation({
    mutationFn: (parameters: Record<string, unknown>) =>
      api(`/api/v1/orders/${encodeURIComponent(code)}/rule-versions`, {
        method: 'POST',
        body: { ruleKey: f.ruleKey.trim(), effectiveFrom: f.effectiveFrom, para: f.para.trim() || null, parameters },
      }),
    onSuccess: async () => {
      setDone(t('orders.admin.attached'));
      setF(empty);
      await qc.invalidateQueries({ queryKey: ['orders', 'one', code] });
    },
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const err = (n: string) => fieldErr(local, m.error, n);
  return (
    <details className="card rules-admin">
      <summary>{t('orders.admin.attach')}</summary>
      <form
        noValidate
        className="rules-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          const errs: Errors = {};
          if (!f.ruleKey.trim()) errs.ruleKey = t('orders.admin.required');
          if (!f.effectiveFrom) errs.effectiveFrom = t('orders.admin.required');
          let parameters: unknown;
          try {
            parameters = JSON.parse(f.parameters);
          } catch {
            parameters = undefined;
          }
          if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) errs.parameters = t('orders.admin.badJson');
          setLocal(errs);
          if (Object.keys(errs).length === 0) m.mutate(parameters as Record<string, unknown>);
        }}
      >
        <Field id={`${id}-key`} label={t('orders.admin.ruleKey')} hint={t('orders.admin.ruleKeyHint')} error={err('ruleKey')}>
          {(p) => <input {...p} value={f.ruleKey} onChange={set('ruleKey')} maxLength={100} autoComplete="off" required />}
        </Field>
        <Field id={`${id}-from`} label={t('orders.admin.effectiveFrom')} error={err('effectiveFrom')}>
          {(p) => <input {...p} type="date" value={f.effectiveFrom} onChange={set('effectiveFrom')} required />}
        </Field>
        <Field id={`${id}-para`} label={t('orders.admin.para')} error={err('para')}>
          {(p) => <input {...p} value={f.para} onChange={set('para')} maxLength={200} />}
        </Field>
        <Field id={`${id}-params`} label={t('orders.admin.parameters')} hint={t('orders.admin.parametersHint')} error={err('parameters')}>
          {(p) => <textarea {...p} rows={4} value={f.parameters} onChange={set('parameters')} spellCheck={false} />}
        </Field>
        {m.error && !(m.error instanceof ProblemError && m.error.field) ? <ErrorBox error={m.error} /> : null}
        <p role="status">{done}</p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={m.isPending}>
            {t('orders.admin.attachSave')}
          </button>
        </div>
      </form>
    </details>
  );
}
