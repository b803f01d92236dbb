/** The domain type lives in schemas/ (the rules read it without importing a connector); named here for the mapper. */
export type { LifeSituationChild, LifeSituationFacts } from '../../schemas/life-situation.js';
