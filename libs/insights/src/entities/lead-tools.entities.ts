import { BroadcastDelivery } from './broadcast-delivery.entity';
import { FeatureRequest, FeatureRequestAsk } from './feature-request.entities';
import { Incident, IncidentLink, IncidentUpdate } from './incident.entities';
import { ReviewAssignment, ReviewRound, ReviewSettings } from './review.entities';

/** The team lead's tools' tables, for the app's entity list. */
export const LEAD_TOOLS_ENTITIES = [Incident, IncidentLink, IncidentUpdate, BroadcastDelivery, FeatureRequest, FeatureRequestAsk, ReviewSettings, ReviewRound, ReviewAssignment];
