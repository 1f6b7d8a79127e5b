/** Raw header values by lower-case name, in order of appearance (a header may occur more than once). */
export type MailHeaders = Record<string, string[]>;

/**
 * Builds MailHeaders from header lines such as mailparser's `headerLines` (`{ key, line: 'Name: value' }`),
 * unfolding continuation lines. Values stay undecoded: the checks that read them only need ASCII.
 */
export function headersFromLines(lines: ReadonlyArray<{ key: string; line: string }>): MailHeaders {
  const headers: MailHeaders = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    (headers[key.toLowerCase()] ??= []).push(value);
  }
  return headers;
}

/** The first value of a header, or undefined. */
export function header(headers: MailHeaders, name: string): string | undefined {
  return headers[name.toLowerCase()]?.[0];
}

/** The local part of an address (before the last `@`), lower-cased. */
export function localPart(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return (at >= 0 ? address.slice(0, at) : address).toLowerCase();
}
