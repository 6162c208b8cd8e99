import { FellegiSunterModel } from './fellegi-sunter';
import { IDENTITY_FIELDS } from './match-identity';

/**
 * Starting m and u probabilities for IDENTITY_FIELDS, before EM has seen enough pairs of a county's
 * own data: m from how often departments get a field right, u from how often two different people
 * agree by chance (a birth date 1 in ~3,650, a phone almost never, a gender half the time).
 */
const PRIORS: Record<string, [number, number][]> = {
  idNumber: [
    [0.9, 1e-6],
    [0.03, 1e-7],
    [0.035, 1e-5],
    [0.015, 1e-6],
    // SEQUENCE_DIGIT_OFF: u as it is among pairs whose birth date and region agree already (their own weights).
    [0.01, 0.005],
    [0.01, 0.994],
  ],
  name: [
    [0.85, 0.001],
    [0.05, 0.0002],
    [0.05, 0.001],
    [0.03, 0.01],
    [0.02, 0.988],
  ],
  birthDate: [
    [0.95, 0.0003],
    [0.03, 0.003],
    [0.02, 0.9967],
  ],
  gender: [
    [0.98, 0.5],
    [0.02, 0.5],
  ],
  phone: [
    [0.9, 0.0001],
    [0.1, 0.9999],
  ],
  region: [
    [0.9, 0.2],
    [0.1, 0.8],
  ],
};

export function defaultIdentityModel(): FellegiSunterModel {
  return new FellegiSunterModel(
    IDENTITY_FIELDS,
    IDENTITY_FIELDS.map((f) => PRIORS[f.field].map(([m]) => m)),
    IDENTITY_FIELDS.map((f) => PRIORS[f.field].map(([, u]) => u)),
    0.1,
  );
}
