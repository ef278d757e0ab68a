// Serial numbers of registers and documents (台账编号、发文字号), e.g. 示纪预〔{year}〕{seq:4}号.
const PLACEHOLDER = /\{(year|seq)(?::(\d+))?\}/g;

export function formatSerial(template: string, value: { year: number; seq: number }): string {
  return template.replace(PLACEHOLDER, (_m, name: 'year' | 'seq', width?: string) => {
    const text = String(value[name]);
    return width ? text.padStart(Number(width), '0') : text;
  });
}

/** A template must number its documents: without `{seq}` every number would be the same. */
export function isValidSerialTemplate(template: string): boolean {
  return /\{seq(?::\d+)?\}/.test(template) && template.replace(PLACEHOLDER, '').indexOf('{') === -1;
}
