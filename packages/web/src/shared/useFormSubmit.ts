import type { FormInstance } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from './form-errors';

export interface FormSubmit<V> {
  saving: boolean;
  /** The message for the alert above the form: what did not land under one of `fields`. */
  error: string | null;
  /** Validates the form, then runs `save` with its values; a failure is shown, not thrown. */
  run: (save: (values: V) => Promise<void>) => Promise<void>;
  /** Clears the error and the form, then fills in `values`: for a dialog that opens again. */
  reset: (values?: Parameters<FormInstance<V>['setFieldsValue']>[0]) => void;
}

/** The submit cycle of a dialog's form; the server's field issues go under the `fields` they name. */
export function useFormSubmit<V>(form: FormInstance<V>, fields: readonly string[] = []): FormSubmit<V> {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (save: (values: V) => Promise<void>) => {
    const values = await form.validateFields().catch(() => null);
    if (values === null) return;
    setSaving(true);
    setError(null);
    try {
      await save(values);
    } catch (e) {
      const msg = applyServerErrors(form, e, fields);
      if (msg) setError(msg);
    } finally {
      setSaving(false);
    }
  };

  const reset: FormSubmit<V>['reset'] = (values) => {
    setError(null);
    form.resetFields();
    if (values) form.setFieldsValue(values);
  };

  return { saving, error, run, reset };
}
