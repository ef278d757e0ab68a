/**
 * `data-testid` for components whose prop types do not declare it (e.g. Modal's okButtonProps).
 * The attribute passes through to the DOM element; browser tests select on it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const tid = (id: string): {} => ({ 'data-testid': id });
