import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemError } from '../../api.ts';
import { Field } from '../../components/ui.tsx';

/** A nested profile value edited by path ("personal.presentAddress.pin"). */
export type Data = Record<string, any>;

export function getAt(d: Data, path: string): any {
  return path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), d);
}

export function setAt(d: Data, path: string, value: unknown): Data {
  const copy = structuredClone(d);
  const parts = path.split('.');
  let o: any = copy;
  for (const [i, k] of parts.slice(0, -1).entries()) {
    if (o[k] == null || typeof o[k] !== 'object') o[k] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    o = o[k];
  }
  const last = parts[parts.length - 1];
  if (value === '' || value === undefined) delete o[last];
  else o[last] = value;
  return copy;
}

interface Bind {
  data: Data;
  set: (path: string, v: unknown) => void;
  error: ProblemError | null;
  readOnly?: boolean;
}

export function TextInput({ b, path, label, type = 'text', hint, lang, autoComplete }: { b: Bind; path: string; label: string; type?: string; hint?: string; lang?: string; autoComplete?: string }) {
  const v = getAt(b.data, path);
  return (
    <Field id={`f-${path}`} label={label} hint={hint} error={b.error?.fieldMessage(path)}>
      {(p) => (
        <input
          {...p}
          type={type}
          lang={lang}
          autoComplete={autoComplete}
          readOnly={b.readOnly}
          value={v == null ? '' : String(v)}
          onChange={(e) => b.set(path, type === 'number' ? (e.target.value === '' ? '' : Number(e.target.value)) : e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectInput({ b, path, label, options }: { b: Bind; path: string; label: string; options: Array<[string, string]> }) {
  const { t } = useTranslation();
  const v = getAt(b.data, path);
  return (
    <Field id={`f-${path}`} label={label} error={b.error?.fieldMessage(path)}>
      {(p) => (
        <select {...p} disabled={b.readOnly} value={v == null ? '' : String(v)} onChange={(e) => b.set(path, e.target.value)}>
          <option value="">{t('common.choose', { defaultValue: '—' })}</option>
          {options.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckInput({ b, path, label }: { b: Bind; path: string; label: string }) {
  const v = !!getAt(b.data, path);
  const id = `f-${path}`;
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" disabled={b.readOnly} checked={v} onChange={(e) => b.set(path, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <fieldset className="card form-section" aria-labelledby={id}>
      <legend id={id}>
        <h2>{title}</h2>
      </legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

export type { Bind };
