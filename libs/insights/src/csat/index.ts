export * from './csat-faces';
export * from './csat-figures.util';
export * from './csat-reports.service';
export * from './csat-survey-hook';
export * from './csat-survey-sender';
