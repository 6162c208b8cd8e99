import {
  attributeValueText,
  channelText,
  countyDateTimeOf,
  programAlternatives,
  programList,
  yuanOfFen,
} from './explanation-text';

describe('explanation text', () => {
  it('shows money in yuan with two decimals and thousands separators', () => {
    expect(yuanOfFen(600_000)).toBe('6,000.00');
    expect(yuanOfFen(5)).toBe('0.05');
    expect(yuanOfFen(123_456_789)).toBe('1,234,567.89');
    expect(yuanOfFen(-1_050)).toBe('-10.50');
  });

  it('names programs in Chinese, as a list or as alternatives, and unknown codes as sent', () => {
    expect(programList(['TEMPORARY', 'MEDICAL_ASSIST'])).toBe('临时救助、医疗救助');
    expect(programAlternatives(['MEDICAL_ASSIST', 'TEMPORARY', 'CHARITY_MEDICAL'])).toBe(
      '医疗救助、临时救助或慈善医疗救助',
    );
    expect(programAlternatives(['EMPLOYMENT_ASSIST'])).toBe('就业救助');
    expect(programList(['COUNTY_HEATING'])).toBe('COUNTY_HEATING');
  });

  it('shows instants in county time, and coded values in Chinese', () => {
    expect(countyDateTimeOf('2026-02-12T23:30:00Z')).toBe('2026-02-13 07:30');
    expect(channelText('PROXY')).toBe('代办');
    expect(channelText(null)).toBe('未注明');
    expect(attributeValueText('stage', 'COMPULSORY')).toBe('义务教育');
    expect(attributeValueText('houseDamage', 'COLLAPSED')).toBe('倒塌');
    expect(attributeValueText('ableToWork', true)).toBe('是');
    expect(attributeValueText('level', 2)).toBe('2');
  });
});
