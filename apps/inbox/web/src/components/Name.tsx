import { cleanName } from '../../../../../libs/conversations/src/inbound-text.util';

/**
 * A person's name as the inbox shows it: isolated from the text around it, and without direction controls, by the
 * same rule that cleans names at ingest, so a name stored before that rule cannot pass "Bob \u202Eexe.gnp" off as
 * "Bob png.exe" either.
 */
export function Name({ value, class: className }: { value: string; class?: string }) {
  return <bdi class={className}>{cleanName(value) ?? ''}</bdi>;
}
