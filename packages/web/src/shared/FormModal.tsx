import { Alert, Modal, type ModalProps } from 'antd';
import { tid } from './testid';

type Props = Omit<ModalProps, 'onOk' | 'confirmLoading' | 'forceRender' | 'okButtonProps'> & {
  /** From useFormSubmit: the spinner on OK and the alert above the form. */
  submit: { saving: boolean; error: string | null };
  onOk: () => Promise<void>;
  okTestId: string;
  errorTestId?: string;
};

/**
 * A create/edit dialog around a form. It renders while closed (`forceRender`), so the form
 * instance is connected before the dialog first opens.
 */
export function FormModal({ submit, onOk, okTestId, errorTestId, children, ...modal }: Props) {
  return (
    <Modal {...modal} onOk={() => void onOk()} confirmLoading={submit.saving} forceRender okButtonProps={tid(okTestId)}>
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} data-testid={errorTestId} />}
      {children}
    </Modal>
  );
}
