import { Department, Program, Status } from '@hub/contract';

/**
 * Chinese names of contract §5's codes, for the {program}, {programs} and {statuses} placeholders:
 * caseworkers read 低保金, not DIBAO. The contract names the three charity programs together
 * (慈善救助); they are told apart here because an alert names one.
 */
export const PROGRAM_NAMES_ZH: Readonly<Record<Program, string>> = {
  DIBAO: '低保金',
  TEKUN_SUPPORT: '特困供养',
  TEMPORARY: '临时救助',
  DISASTER_RELIEF: '受灾人员救助',
  PRICE_SUBSIDY: '物价补贴',
  DISABILITY_SUBSIDY: '残疾人补贴',
  MEDICAL_ASSIST: '医疗救助',
  INSURANCE_SUBSIDY: '资助参保',
  EDUCATION_ASSIST: '教育救助',
  PUBLIC_RENTAL_HOUSING: '公租房配租',
  RENT_SUBSIDY: '住房租赁补贴',
  HOUSE_RENOVATION: '危房改造',
  EMPLOYMENT_ASSIST: '就业救助',
  CHARITY_MEDICAL: '慈善医疗救助',
  CHARITY_EDUCATION: '慈善助学',
  CHARITY_EMERGENCY: '慈善急难救助',
};

export const STATUS_NAMES_ZH: Readonly<Record<Status, string>> = {
  DIBAO_MEMBER: '低保对象',
  TEKUN: '特困人员',
  LOW_INCOME_MARGINAL: '低保边缘对象',
  DISABLED: '残疾人',
  UNEMPLOYED: '失业人员',
  EMPLOYED: '就业人员',
  STUDENT: '在读学生',
  HOSPITALIZED: '住院病人',
  DISASTER_AFFECTED: '受灾人员',
  HOUSING_DIFFICULTY: '住房困难',
  DECEASED: '已故',
  ORPHAN: '孤儿',
};

/** Contract §1's departments, for {fromDepartment} and {toDepartment} (referrals, contract v1.1 §8). */
export const DEPARTMENT_NAMES_ZH: Readonly<Record<Department, string>> = {
  'civil-affairs': '民政部门',
  health: '卫健医保部门',
  education: '教育部门',
  housing: '住建部门',
  'human-resources': '人社部门',
  charity: '慈善组织',
};

export function departmentNameZh(code: string): string {
  return (DEPARTMENT_NAMES_ZH as Record<string, string>)[code] ?? code;
}

/** A code the catalogue does not know is shown as is (contract §5: kept and shown). */
export function programNameZh(code: string): string {
  return (PROGRAM_NAMES_ZH as Record<string, string>)[code] ?? code;
}

export function statusNameZh(code: string): string {
  return (STATUS_NAMES_ZH as Record<string, string>)[code] ?? code;
}
