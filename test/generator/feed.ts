import { Department, EncodingMode, encodeCloudEvent } from '@hub/contract';
import { ApplicationSlaRule, WorkingDayCalendar, loadRulePack } from '@hub/rules';
import { DEFAULT_NOISE, NoiseKind, NoiseRates, NoisyIdentity, noisyIdentity } from './identity-noise';
import { PopulationBuilder, TrueHousehold, TruePerson } from './population';
import { SeededRandom } from './random';

export interface FeedMessage {
  department: Department;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  source: string;
  eventId: string;
  type: string;
  time: string;
  mode: EncodingMode;
  /** Ground truth: the real person behind the record, when the event names one. */
  truePersonId?: string;
}

export interface TruthRecord {
  source: string;
  sourcePersonId: string;
  personId: string;
  householdId: string;
  noise: NoiseKind[];
}

export interface PlantedCase {
  ruleId: string;
  kind: 'DUPLICATE' | 'OMISSION';
  personIds: string[];
  householdId: string;
  /** Event ids (source|id) that make up the finding. */
  evidence: string[];
  note: string;
}

export interface GeneratorOptions {
  seed: number;
  households: number;
  year?: number;
  noise?: Partial<NoiseRates>;
  /** Planted duplicate and omission cases per rule of contract section 7 (0: none). */
  plantedPerRule?: number;
  /** Share of events sent a second time with the same id (the same event: must be stored once). */
  resendShare?: number;
  /** Share of charity records with no ID number at all (charities often hold none); default 0.4. */
  charityWithoutId?: number;
}

export interface GeneratedFeed {
  messages: FeedMessage[];
  truth: { persons: TruePerson[]; records: TruthRecord[]; planted: PlantedCase[]; households: number };
}

const SYSTEMS: Record<Department, { system: string; prefix: string }> = {
  'civil-affairs': { system: 'dibao', prefix: 'MZ' },
  health: { system: 'yb', prefix: 'YB' },
  education: { system: 'xszz', prefix: 'JY' },
  housing: { system: 'zf', prefix: 'ZJ' },
  'human-resources': { system: 'jy', prefix: 'RS' },
  charity: { system: 'CF01', prefix: 'CF' },
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function at(date: string, hour: number, minute = 0): string {
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
}

/** Generates a department feed for a synthetic population, with the ground truth beside it. */
/** omit.application-sla as the default rule pack and its calendar count it. */
const SLA = (() => {
  const pack = loadRulePack();
  const rule = pack.rules.find((r): r is ApplicationSlaRule => r.id === 'omit.application-sla')!;
  const calendar = WorkingDayCalendar.load(pack.calendarFile);
  return {
    lateOn: (receivedAt: string, verifiedDay: string) =>
      calendar.deadlineAfterWorkingDays(receivedAt, rule.windowWorkingDays).dueDate < verifiedDay,
  };
})();

export class FeedGenerator {
  private readonly rnd: SeededRandom;
  private readonly noise: NoiseRates;
  private readonly year: number;
  private readonly people: PopulationBuilder;
  private readonly messages: FeedMessage[] = [];
  private readonly records = new Map<string, { record: TruthRecord; identity: NoisyIdentity }>();
  private readonly planted: PlantedCase[] = [];
  private readonly persons: TruePerson[] = [];
  private eventSeq = 0;
  private benefitSeq = 0;
  private households = 0;
  /** The last day each person is paid for (period.end), so that a background death never falls before it. */
  private readonly lastPaidDay = new Map<string, string>();
  /** Deaths drawn for people outside assistance, emitted once everything else of their household is. */
  private pendingDeaths: { person: TruePerson; day: string }[] = [];

  constructor(private readonly options: GeneratorOptions) {
    this.rnd = new SeededRandom(options.seed);
    this.noise = { ...DEFAULT_NOISE, ...options.noise };
    this.year = options.year ?? 2026;
    this.people = new PopulationBuilder(this.rnd, this.year);
  }

  generate(): GeneratedFeed {
    for (let h = 0; h < this.options.households; h++) {
      this.ordinaryHousehold();
      this.settleDeaths();
    }
    for (let i = 0; i < (this.options.plantedPerRule ?? 0); i++) {
      this.plantCases();
      this.settleDeaths();
    }
    this.resend();
    // Departments publish as facts happen: the feed is in event-time order.
    this.messages.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    return {
      messages: this.messages,
      truth: {
        persons: this.persons,
        records: [...this.records.values()].map((r) => r.record),
        planted: this.planted,
        households: this.households,
      },
    };
  }

  // ---- population -------------------------------------------------------------------------

  private register(h: TrueHousehold): TrueHousehold {
    this.persons.push(...h.members);
    this.households++;
    return h;
  }

  private newHousehold(options: Parameters<PopulationBuilder['household']>[0] = {}): TrueHousehold {
    return this.register(this.people.household(options));
  }

  private randomDate(fromDay: number, toDay: number): string {
    return addDays(`${this.year}-01-01`, this.rnd.int(fromDay, toDay));
  }

  /** Everything an ordinary household receives, every rule's condition fulfilled in time. */
  private ordinaryHousehold(): void {
    const roll = this.rnd.next();
    const h = this.newHousehold({ twins: this.rnd.chance(0.02), minority: this.rnd.chance(0.03) });
    if (this.rnd.chance(0.01)) this.register(this.people.namesake(h.members[0]));
    if (roll < 0.15) this.dibaoHousehold(h, {});
    else if (roll < 0.17) this.tekunPerson(h.members[0], {});
    else {
      for (const p of h.members) this.everyday(p);
      if (roll < 0.19) this.disaster(h, 'PARTIAL', {});
      else if (roll < 0.2) this.disaster(h, 'COLLAPSED', {});
      else if (roll < 0.25) this.emergencyApplication(h.members[0], 1);
    }
  }

  /** Statuses of people outside assistance: students, workers, a hospital stay, a death. */
  private everyday(p: TruePerson): void {
    const age = this.people.ageOn(p, `${this.year}-06-01`);
    if (age >= 6 && age <= 22)
      this.status('education', p, 'STUDENT', `${this.year - 1}-09-01`, null, {
        stage: age <= 15 ? 'COMPULSORY' : age <= 18 ? 'HIGH_SCHOOL' : 'HIGHER',
      });
    else if (age >= 18 && age < 60 && this.rnd.chance(0.3))
      this.status(
        'human-resources',
        p,
        this.rnd.chance(0.7) ? 'EMPLOYED' : 'UNEMPLOYED',
        this.randomDate(-300, 200),
        null,
        { ableToWork: true },
      );
    if (this.rnd.chance(0.05)) {
      const admitted = this.randomDate(0, 300);
      const cost = this.rnd.int(20_000, 400_000);
      const ref = this.hospitalStay(p, admitted, cost);
      if (this.rnd.chance(0.3))
        this.grant(
          'charity',
          p,
          'CHARITY_MEDICAL',
          addDays(admitted, 10),
          addDays(admitted, 10),
          Math.floor(cost * 0.4),
          { kind: 'HOSPITALIZATION', ref },
        );
    }
    if (age > 70 && this.rnd.chance(0.02)) this.pendingDeaths.push({ person: p, day: this.randomDate(0, 330) });
  }

  /**
   * A background death comes after the person's last payment (a hospital stay's charity, a disaster's relief, a
   * 救急难 grant drawn independently of it): a payment past the date of death is dup.after-death, a case the
   * generator plants on purpose and must not make by chance. A death that would fall past the year is dropped.
   */
  private settleDeaths(): void {
    for (const { person, day } of this.pendingDeaths) {
      const paidUntil = this.lastPaidDay.get(person.personId);
      const deathDay = paidUntil && paidUntil >= day ? addDays(paidUntil, 1) : day;
      if (deathDay <= `${this.year}-12-31`) this.status('health', person, 'DECEASED', deathDay, null, {});
    }
    this.pendingDeaths = [];
  }

  /** 低保 household: status, monthly money, insurance subsidy, and whatever its members' statuses call for. */
  private dibaoHousehold(
    h: TrueHousehold,
    skip: {
      insurance?: boolean;
      education?: boolean;
      employment?: boolean;
      housing?: boolean;
      medical?: boolean;
      forceUnemployed?: boolean;
      forceHousing?: boolean;
      forceIllness?: boolean;
      forceStudent?: boolean;
    },
  ): { start: string; benefitEvent: string; students: TruePerson[] } {
    const start = this.randomDate(5, 240);
    let benefitEvent = '';
    for (const p of h.members) {
      this.status('civil-affairs', p, 'DIBAO_MEMBER', start, null, {});
      if (!skip.insurance)
        this.grant('health', p, 'INSURANCE_SUBSIDY', addDays(start, this.rnd.int(0, 20)), `${this.year}-12-31`, 38_000);
    }
    benefitEvent = this.grant(
      'civil-affairs',
      h.members[0],
      'DIBAO',
      start,
      `${this.year}-12-31`,
      89_000 * h.members.length,
      undefined,
      h,
    );

    // Students in a 低保 household are owed 教育救助 within 60 days.
    const students = h.members.filter((p) => {
      const age = this.people.ageOn(p, start);
      return age >= 6 && age <= 22;
    });
    if (skip.forceStudent && students.length === 0) students.push(h.members[h.members.length - 1]);
    for (const s of students) {
      const since = `${this.year - 1}-09-01`;
      this.status('education', s, 'STUDENT', since, null, { stage: 'COMPULSORY' });
      if (!skip.education)
        this.grant(
          'education',
          s,
          'EDUCATION_ASSIST',
          addDays(start, this.rnd.int(3, 50)),
          addDays(start, 180),
          100_000,
        );
    }

    // At least one employed per household, or 就业救助 within 30 days.
    const adults = h.members.filter((p) => this.people.ageOn(p, start) >= 18 && this.people.ageOn(p, start) < 60);
    if (adults.length || skip.forceUnemployed) {
      const workers = adults.length ? adults : [h.members[0]];
      const anyEmployed = !skip.forceUnemployed && this.rnd.chance(0.5);
      workers.forEach((a, i) => {
        const since = addDays(start, -this.rnd.int(10, 200));
        if (anyEmployed && i === 0) this.status('human-resources', a, 'EMPLOYED', since, null, {});
        else this.status('human-resources', a, 'UNEMPLOYED', since, null, { ableToWork: true });
      });
      if (!anyEmployed && !skip.employment)
        this.grant(
          'human-resources',
          workers[0],
          'EMPLOYMENT_ASSIST',
          addDays(start, this.rnd.int(2, 25)),
          addDays(start, 120),
          150_000,
        );
    }

    // Housing difficulty: 住房救助 within 90 days.
    if (skip.forceHousing || this.rnd.chance(0.3)) {
      const since = addDays(start, this.rnd.int(0, 40));
      this.status('housing', h.members[0], 'HOUSING_DIFFICULTY', since, null, {});
      if (!skip.housing)
        this.grant(
          'housing',
          h.members[0],
          'RENT_SUBSIDY',
          addDays(since, this.rnd.int(5, 80)),
          `${this.year + 1}-06-30`,
          60_000,
        );
    }

    // A major illness: 医疗救助 within 30 days of admission.
    if (skip.forceIllness || this.rnd.chance(0.08)) {
      const p = this.rnd.pick(h.members);
      const admitted = addDays(start, this.rnd.int(10, 80));
      const cost = skip.forceIllness ? this.rnd.int(650_000, 2_000_000) : this.rnd.int(100_000, 1_200_000);
      const ref = this.hospitalStay(p, admitted, cost);
      if (cost >= 600_000 && !skip.medical) {
        const day = addDays(admitted, this.rnd.int(8, 25));
        this.grant('health', p, 'MEDICAL_ASSIST', day, day, Math.floor(cost * 0.5), { kind: 'HOSPITALIZATION', ref });
      }
    }
    return { start, benefitEvent, students };
  }

  private tekunPerson(p: TruePerson, skip: { insurance?: boolean }): { start: string; benefitEvent: string } {
    const start = this.randomDate(5, 240);
    this.status('civil-affairs', p, 'TEKUN', start, null, {});
    const benefitEvent = this.grant('civil-affairs', p, 'TEKUN_SUPPORT', start, `${this.year}-12-31`, 120_000);
    if (!skip.insurance)
      this.grant('health', p, 'INSURANCE_SUBSIDY', addDays(start, this.rnd.int(0, 25)), `${this.year}-12-31`, 38_000);
    return { start, benefitEvent };
  }

  private disaster(h: TrueHousehold, damage: 'PARTIAL' | 'COLLAPSED', skip: { relief?: boolean }): string {
    const day = this.randomDate(150, 250);
    const disasterId = `DIS-${this.year}-${String(this.rnd.int(1, 20)).padStart(3, '0')}`;
    const event = this.status('civil-affairs', h.members[0], 'DISASTER_AFFECTED', day, null, {
      disasterId,
      houseDamage: damage,
    });
    if (damage === 'COLLAPSED' && !skip.relief) {
      const paid = addDays(day, this.rnd.int(0, 1));
      this.grant(
        'civil-affairs',
        h.members[0],
        'DISASTER_RELIEF',
        paid,
        paid,
        500_000,
        { kind: 'DISASTER', ref: disasterId },
        h,
      );
    }
    return event;
  }

  /** 救急难: received on a Tuesday, verified after `verifyAfterDays` calendar days, approved, paid. */
  private emergencyApplication(p: TruePerson, verifyAfterDays: number, late = false): string {
    let day = this.randomDate(10, 300);
    while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 2) day = addDays(day, 1);
    // A planted late verification must be late by the rules' own calendar: in a week with a holiday (春节, 国庆…)
    // six calendar days can be within two working days, and the plant was no case at all (3 of 20 "missed").
    while (late && !SLA.lateOn(at(day, 10), addDays(day, verifyAfterDays))) day = addDays(day, 7);
    const applicationId = `JJN-${this.year}-${++this.benefitSeq}`;
    const source = this.sourceOf('civil-affairs', p, 'jjn');
    const received = this.emit(
      'civil-affairs',
      'assist.application.received.v1',
      at(day, 10),
      p,
      {
        applicationId,
        person: this.identity('civil-affairs', p),
        program: 'TEMPORARY',
        receivedAt: at(day, 10),
        channel: 'WINDOW',
      },
      source,
    );
    const verified = addDays(day, verifyAfterDays);
    this.emit(
      'civil-affairs',
      'assist.application.verified.v1',
      at(verified, 16),
      p,
      { applicationId, verifiedAt: at(verified, 16) },
      source,
    );
    this.emit(
      'civil-affairs',
      'assist.application.decided.v1',
      at(verified, 17),
      p,
      { applicationId, decision: 'APPROVED', decidedAt: at(verified, 17) },
      source,
    );
    this.grant('civil-affairs', p, 'TEMPORARY', addDays(verified, 1), addDays(verified, 1), 300_000, {
      kind: 'OTHER',
      ref: applicationId,
    });
    return received;
  }

  private hospitalStay(p: TruePerson, admitted: string, outOfPocketFen: number): string {
    const ref = `HOSP-${p.region}-${this.year}-${++this.benefitSeq}`;
    this.status('health', p, 'HOSPITALIZED', admitted, addDays(admitted, this.rnd.int(3, 20)), {
      outOfPocketFen,
      admissionRef: ref,
    });
    return ref;
  }

  // ---- planted cases: one of each rule of contract section 7 per call --------------------------

  private plant(
    ruleId: string,
    kind: PlantedCase['kind'],
    persons: TruePerson[],
    evidence: string[],
    note: string,
  ): void {
    this.planted.push({
      ruleId,
      kind,
      personIds: persons.map((p) => p.personId),
      householdId: persons[0].householdId,
      evidence,
      note,
    });
  }

  private plantCases(): void {
    // 低保 in two counties at once.
    let h = this.newHousehold();
    let d = this.dibaoHousehold(h, {});
    const second = this.grant(
      'civil-affairs',
      h.members[0],
      'DIBAO',
      addDays(d.start, 30),
      `${this.year}-12-31`,
      89_000,
      undefined,
      undefined,
      h.region === '330503' ? '330502' : '330503',
    );
    this.plant(
      'dup.same-program-overlap',
      'DUPLICATE',
      [h.members[0]],
      [d.benefitEvent, second],
      'DIBAO granted by two counties with overlapping periods',
    );

    // 低保 with 特困供养.
    h = this.newHousehold();
    d = this.dibaoHousehold(h, {});
    const tekun = this.grant(
      'civil-affairs',
      h.members[0],
      'TEKUN_SUPPORT',
      addDays(d.start, 20),
      `${this.year}-12-31`,
      120_000,
    );
    this.plant(
      'dup.exclusive-programs',
      'DUPLICATE',
      [h.members[0]],
      [d.benefitEvent, tekun],
      'DIBAO and TEKUN_SUPPORT overlap',
    );

    // One hospital stay paid twice beyond its cost.
    h = this.newHousehold();
    let p = h.members[0];
    const admitted = this.randomDate(20, 250);
    const cost = this.rnd.int(200_000, 500_000);
    const ref = this.hospitalStay(p, admitted, cost);
    const medical = this.grant(
      'health',
      p,
      'MEDICAL_ASSIST',
      addDays(admitted, 10),
      addDays(admitted, 10),
      Math.floor(cost * 0.7),
      { kind: 'HOSPITALIZATION', ref },
    );
    const charity = this.grant(
      'charity',
      p,
      'CHARITY_MEDICAL',
      addDays(admitted, 15),
      addDays(admitted, 15),
      Math.floor(cost * 0.6),
      { kind: 'HOSPITALIZATION', ref },
    );
    this.plant(
      'dup.same-cause',
      'DUPLICATE',
      [p],
      [medical, charity],
      'MEDICAL_ASSIST and CHARITY_MEDICAL for one admission exceed its out-of-pocket cost',
    );

    // Paid after death (应退未退).
    h = this.newHousehold();
    d = this.dibaoHousehold(h, {});
    const death = this.status('health', h.members[0], 'DECEASED', addDays(d.start, 40), null, {});
    this.plant(
      'dup.after-death',
      'DUPLICATE',
      [h.members[0]],
      [d.benefitEvent, death],
      'DIBAO period runs past the date of death',
    );

    // Omissions.
    h = this.newHousehold();
    d = this.dibaoHousehold(h, { insurance: true });
    this.plant('omit.insurance-subsidy', 'OMISSION', h.members, [], '低保 members with no INSURANCE_SUBSIDY by day 30');

    h = this.newHousehold({ withChildren: true });
    d = this.dibaoHousehold(h, { education: true, forceStudent: true });
    // The students the household was given, whatever their role: with children under 6 the student is another member.
    this.plant(
      'omit.education',
      'OMISSION',
      d.students,
      [],
      'student in a 低保 household with no EDUCATION_ASSIST within 60 days',
    );

    h = this.newHousehold();
    d = this.dibaoHousehold(h, { employment: true, forceUnemployed: true });
    this.plant(
      'omit.employment',
      'OMISSION',
      [h.members[0]],
      [],
      '低保 household, nobody employed, no EMPLOYMENT_ASSIST within 30 days',
    );

    h = this.newHousehold();
    d = this.dibaoHousehold(h, { housing: true, forceHousing: true });
    this.plant(
      'omit.housing',
      'OMISSION',
      [h.members[0]],
      [],
      'HOUSING_DIFFICULTY and 低保 with no housing assistance within 90 days',
    );

    h = this.newHousehold();
    for (const m of h.members) this.everyday(m);
    const collapsed = this.disaster(h, 'COLLAPSED', { relief: true });
    this.plant(
      'omit.disaster',
      'OMISSION',
      [h.members[0]],
      [collapsed],
      'collapsed house with no DISASTER_RELIEF within 1 day',
    );

    h = this.newHousehold();
    d = this.dibaoHousehold(h, { medical: true, forceIllness: true });
    this.plant(
      'omit.major-illness',
      'OMISSION',
      h.members,
      [],
      'major illness of a 低保 member with no medical assistance within 30 days',
    );

    h = this.newHousehold();
    p = h.members[0];
    for (const m of h.members) this.everyday(m);
    const application = this.emergencyApplication(p, 6, true);
    this.plant(
      'omit.application-sla',
      'OMISSION',
      [p],
      [application],
      'emergency application verified after 6 calendar days (4 working days)',
    );
  }

  // ---- events ----------------------------------------------------------------------------------

  private sourceOf(
    department: Department,
    p: TruePerson,
    system = SYSTEMS[department].system,
    region = p.region,
  ): string {
    return `/${region}/${department}/${system}`;
  }

  private sourcePersonId(department: Department, p: TruePerson): string {
    return `${SYSTEMS[department].prefix}-P-${p.personId.slice(2)}`;
  }

  /** The department's identity block for a person: the same noisy version every time. */
  private identity(department: Department, p: TruePerson): Record<string, unknown> {
    const sourcePersonId = this.sourcePersonId(department, p);
    const key = `${department}|${sourcePersonId}`;
    let entry = this.records.get(key);
    if (!entry) {
      // Charities often hold no ID number at all.
      const rates =
        department === 'charity'
          ? { ...this.noise, ID_MISSING: Math.max(this.noise.ID_MISSING, this.options.charityWithoutId ?? 0.4) }
          : this.noise;
      const identity = noisyIdentity(p, rates, this.rnd, true);
      entry = {
        identity,
        record: {
          source: this.sourceOf(department, p),
          sourcePersonId,
          personId: p.personId,
          householdId: p.householdId,
          noise: identity.noise,
        },
      };
      this.records.set(key, entry);
    }
    const i = entry.identity;
    const block: Record<string, unknown> = {
      sourcePersonId,
      idType: i.idType,
      name: i.name,
      gender: i.gender,
      hukouRegion: i.hukouRegion,
    };
    if (i.idNumber) block.idNumber = i.idNumber;
    if (i.birthDate) block.birthDate = i.birthDate;
    if (i.phone) block.phone = i.phone;
    return block;
  }

  private householdRef(department: Department, p: TruePerson): Record<string, unknown> {
    return { householdId: `${SYSTEMS[department].prefix}-H-${p.householdId.slice(3)}`, role: p.role };
  }

  private grant(
    department: Department,
    p: TruePerson,
    program: string,
    start: string,
    end: string,
    amountFen: number,
    cause?: { kind: string; ref: string },
    household?: TrueHousehold,
    region = p.region,
  ): string {
    const benefitId = `${SYSTEMS[department].prefix}-B-${this.year}-${++this.benefitSeq}`;
    if (end > (this.lastPaidDay.get(p.personId) ?? '')) this.lastPaidDay.set(p.personId, end);
    const data: Record<string, unknown> = {
      benefitId,
      program,
      person: this.identity(department, p),
      household: this.householdRef(department, p),
      amountFen,
      period: { start, end },
      regionCode: region,
    };
    if (cause) data.cause = cause;
    if (household) data.household = this.householdRef(department, household.members[0]);
    return this.emit(
      department,
      'assist.benefit.granted.v1',
      at(start, 9, this.rnd.int(0, 59)),
      p,
      data,
      this.sourceOf(department, p, undefined, region),
    );
  }

  private status(
    department: Department,
    p: TruePerson,
    status: string,
    validFrom: string,
    validTo: string | null,
    attributes: Record<string, unknown>,
  ): string {
    const statusId = `${SYSTEMS[department].prefix}-S-${this.year}-${++this.benefitSeq}`;
    const data = {
      statusId,
      status,
      person: this.identity(department, p),
      household: this.householdRef(department, p),
      validFrom,
      validTo,
      attributes,
    };
    return this.emit(
      department,
      'assist.status.asserted.v1',
      at(validFrom, 8, this.rnd.int(0, 59)),
      p,
      data,
      this.sourceOf(department, p),
    );
  }

  /** Wraps a payload as a CloudEvent in the department's usual mode; returns "source|id". */
  private emit(
    department: Department,
    type: string,
    time: string,
    p: TruePerson,
    data: Record<string, unknown>,
    source: string,
  ): string {
    const eventId = `${SYSTEMS[department].prefix}-E-${++this.eventSeq}`;
    const key = this.sourcePersonId(department, p);
    // 人社 sends binary mode; part of 医保 sends protobuf; the rest structured JSON.
    const mode: EncodingMode =
      department === 'human-resources'
        ? 'binary-json'
        : department === 'health' && this.rnd.chance(0.3)
          ? 'binary-protobuf'
          : 'structured';
    const { value, headers } = encodeCloudEvent({ id: eventId, source, type, time, data }, mode);
    this.messages.push({
      department,
      key,
      value,
      headers,
      source,
      eventId,
      type,
      time,
      mode,
      truePersonId: p.personId,
    });
    return `${source}|${eventId}`;
  }

  private resend(): void {
    const share = this.options.resendShare ?? 0;
    if (share <= 0) return;
    const count = Math.floor(this.messages.length * share);
    for (let i = 0; i < count; i++) this.messages.push({ ...this.rnd.pick(this.messages) });
  }
}

export function generateFeed(options: GeneratorOptions): GeneratedFeed {
  return new FeedGenerator(options).generate();
}
