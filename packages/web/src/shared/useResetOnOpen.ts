import { useEffect } from 'react';
import type { FormSubmit } from './useFormSubmit';

/**
 * Clears a dialog's form and fills in `values` each time the dialog opens — at once, not after the
 * opening animation (`afterOpenChange`), which would wipe what a quick user has already typed.
 */
export function useResetOnOpen<V>(open: boolean, submission: FormSubmit<V>, values?: () => NoInfer<Parameters<FormSubmit<V>['reset']>[0]>) {
  useEffect(() => {
    if (open) submission.reset(values?.());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
