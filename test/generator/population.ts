import { checkDigit } from '@hub/identity';
import { TrueIdentity } from './identity-noise';
import { GIVEN_CHARS, MINORITY_NAMES, REGIONS, SURNAMES } from './names';
import { SeededRandom } from './random';

export type Role = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT';

export interface TruePerson extends TrueIdentity {
  personId: string;
  householdId: string;
  role: Role;
  /** personId of a twin (same parents, same birth date) or of a namesake (same name and birth date elsewhere). */
  twinOf?: string;
  namesakeOf?: string;
}

export interface TrueHousehold {
  householdId: string;
  region: string;
  members: TruePerson[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds people with valid, unique ID numbers and plausible names, deterministically by seed. */
export class PopulationBuilder {
  private personSeq = 0;
  private householdSeq = 0;
  private readonly usedIds = new Set<string>();

  constructor(
    private readonly rnd: SeededRandom,
    private readonly year: number,
  ) {}

  private idNumber(region: string, birthDate: string, gender: 'M' | 'F'): string {
    for (;;) {
      const seq =
        this.rnd.digits(2) + String(gender === 'M' ? this.rnd.pick([1, 3, 5, 7, 9]) : this.rnd.pick([0, 2, 4, 6, 8]));
      const first17 = region + birthDate.replace(/-/g, '') + seq;
      const id = first17 + checkDigit(first17);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private birthDate(age: number): string {
    const year = this.year - age;
    const month = this.rnd.int(1, 12);
    const day = this.rnd.int(1, 28);
    return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  }

  private givenName(): string {
    const n = this.rnd.chance(0.7) ? 2 : 1;
    let s = '';
    for (let i = 0; i < n; i++) s += this.rnd.pick(GIVEN_CHARS);
    return s;
  }

  person(
    householdId: string,
    region: string,
    role: Role,
    age: number,
    surname: string,
    overrides: Partial<TruePerson> = {},
  ): TruePerson {
    const gender: 'M' | 'F' = overrides.gender ?? (this.rnd.chance(0.5) ? 'M' : 'F');
    const birthDate = overrides.birthDate ?? this.birthDate(age);
    const minority = overrides.minority ?? false;
    const name = overrides.name ?? (minority ? this.rnd.pick(MINORITY_NAMES) : surname + this.givenName());
    const p: TruePerson = {
      personId: `T-${pad(++this.personSeq, 7)}`,
      householdId,
      role,
      name,
      gender,
      birthDate,
      idNumber: this.idNumber(region, birthDate, gender),
      phone: `1${this.rnd.pick(['3', '5', '8'])}${this.rnd.digits(9)}`,
      region,
      minority,
      ...overrides,
    };
    // Overrides may not bring their own ID number: keep the generated, unique one.
    return p;
  }

  /** A household of 1 to 5: head, maybe spouse, children (sometimes twins), maybe a parent. */
  household(options: { withChildren?: boolean; twins?: boolean; minority?: boolean } = {}): TrueHousehold {
    const region = this.rnd.pick(REGIONS);
    const householdId = `TH-${pad(++this.householdSeq, 6)}`;
    const surname = this.rnd.pick(SURNAMES);
    const headAge = this.rnd.int(28, 75);
    const members: TruePerson[] = [
      this.person(householdId, region, 'HEAD', headAge, surname, { minority: options.minority }),
    ];
    if (this.rnd.chance(0.7))
      members.push(this.person(householdId, region, 'SPOUSE', headAge + this.rnd.int(-5, 5), this.rnd.pick(SURNAMES)));
    const children = options.withChildren ? this.rnd.int(1, 2) : headAge < 60 ? this.rnd.int(0, 2) : 0;
    for (let i = 0; i < children; i++) {
      members.push(this.person(householdId, region, 'CHILD', Math.max(1, headAge - this.rnd.int(22, 35)), surname));
    }
    if (options.twins) {
      const first = this.person(householdId, region, 'CHILD', Math.max(6, Math.min(17, headAge - 25)), surname);
      const second = this.person(householdId, region, 'CHILD', 0, surname, {
        birthDate: first.birthDate,
        twinOf: first.personId,
      });
      members.push(first, second);
    }
    if (headAge < 55 && this.rnd.chance(0.2))
      members.push(this.person(householdId, region, 'PARENT', headAge + this.rnd.int(24, 32), surname));
    return { householdId, region, members };
  }

  /** Someone elsewhere with the same name and birth date: the classic false-merge trap. */
  namesake(of: TruePerson): TrueHousehold {
    const region = REGIONS.find((r) => r !== of.region)!;
    const householdId = `TH-${pad(++this.householdSeq, 6)}`;
    const p = this.person(householdId, region, 'HEAD', 0, '', {
      name: of.name,
      birthDate: of.birthDate,
      gender: of.gender,
      namesakeOf: of.personId,
      minority: of.minority,
    });
    return { householdId, region, members: [p] };
  }

  ageOn(p: TruePerson, date: string): number {
    return Number(date.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
  }
}
