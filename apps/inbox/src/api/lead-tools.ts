import { ChannelReplyCheck } from './channel-reply-check';
import { FeatureRequestsController } from './feature-requests.controller';
import { IncidentsController } from './incidents.controller';
import { QualityReviewController } from './quality-review.controller';

/** The team lead's tools' routes (incidents, feature requests, the weekly review), registered by the API module. */
export const LEAD_TOOLS_CONTROLLERS = [IncidentsController, FeatureRequestsController, QualityReviewController];
export const LEAD_TOOLS_PROVIDERS = [ChannelReplyCheck];
