import { FeatureRequestsPage } from './FeatureRequestsPage';
import { IncidentsPage } from './IncidentsPage';
import { ReviewsPage } from './ReviewsPage';

/** The lead tools' pages by path (every agent opens them; what each may change is decided by role inside and on the server). */
export const LEAD_PAGES: Record<string, () => preact.JSX.Element> = {
  '/incidents': () => <IncidentsPage />,
  '/feature-requests': () => <FeatureRequestsPage />,
  '/reviews': () => <ReviewsPage />,
};
