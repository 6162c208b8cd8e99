export * from './calendar/calendar-errors';
export * from './calendar/calendar-file';
export * from './calendar/county-time';
export * from './calendar/working-day-calendar';
export * from './rule-pack/attribute-conditions';
export * from './rule-pack/catalogue-names';
export {
  attributePlaceholders,
  explanationPlaceholders,
  explanationWithoutCostPlaceholders,
  placeholdersIn,
} from './rule-pack/explanation-placeholders';
export * from './rule-pack/load-rule-pack';
export * from './rule-pack/render-explanation';
export * from './rule-pack/rule-consistency';
export * from './rule-pack/rule-definitions';
export * from './rule-pack/rule-pack-error';
export * from './regions/region-table';
export * from './standards/assistance-standards';
