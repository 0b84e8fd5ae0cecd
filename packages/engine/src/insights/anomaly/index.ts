export {
  ANOMALY_METRICS,
  type AnomalyCause, type AnomalyFinding, type AnomalyGrain, type AnomalyMethod, type AnomalyMetric, type Confidence, type Incident,
  type MetricPoint, type SeriesInput,
} from './anomaly.types.ts';
export { detectAnomalies } from './detect.ts';
export { likelyCause, updateIncidents, type IncidentOptions } from './incidents.ts';
export { generalizedEsd, type EsdResult } from './esd.ts';
export { fitSeasonal, type SeasonalFit } from './seasonal-baseline.ts';
export { poissonCdf, poissonUpperTail, robustScale, studentTQuantile } from './robust-stats.ts';
export { incidentCandidates, planIncidents, type IncidentCandidate, type IncidentPlan, type OpenIncidentState } from './incident-fold.ts';
