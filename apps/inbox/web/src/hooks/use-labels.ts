import { useEffect, useState } from 'preact/hooks';
import type { LabelView } from '../api';
import { useSession } from '../session';

/** Every label, read when the component mounts (the labels page changes them rarely). */
export function useLabels(): LabelView[] {
  const { api } = useSession();
  const [labels, setLabels] = useState<LabelView[]>([]);
  useEffect(() => {
    let current = true;
    api.labels().then((r) => current && setLabels(r.items), () => undefined);
    return () => {
      current = false;
    };
  }, [api]);
  return labels;
}
