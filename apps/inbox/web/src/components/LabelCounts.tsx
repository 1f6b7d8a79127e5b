import type { ComponentChild } from 'preact';
import type { Overview } from '../api';
import { useCannedLabelsT } from '../canned-labels-i18n';
import { LabelChip } from './LabelChip';

/** The overview's conversations per label (those with activity in the period that carry it now). */
export function LabelCounts({ labels, csvButton }: { labels: Overview['labels']; csvButton: ComponentChild }) {
  const t = useCannedLabelsT();
  if (!labels?.length) return null;
  const max = Math.max(...labels.map((l) => l.conversations));
  return (
    <section class="report-card label-counts">
      <h2>{t.labels} {csvButton}</h2>
      <table class="side-by-side">
        <tbody>
          {labels.map((l) => (
            <tr key={l.labelId} data-label={l.name}>
              <th scope="row"><LabelChip label={{ id: l.labelId, name: l.name, color: l.color }} /></th>
              <td><span class="bar" style={{ width: `${(100 * l.conversations) / max}%` }} /><span class="bar-value">{l.conversations}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
