import { loadRulePack } from './load-rule-pack';
import { renderExplanation } from './render-explanation';

describe('renderExplanation', () => {
  it('fills every placeholder, as often as it appears', () => {
    expect(
      renderExplanation('{name} 于 {start} 起，{name} 共 {days} 天', { name: '王*明', start: '2026-03-01', days: 30 }),
    ).toBe('王*明 于 2026-03-01 起，王*明 共 30 天');
  });

  it('renders the default omit.major-illness explanation for a caseworker', () => {
    const rule = loadRulePack().rules.find((r) => r.id === 'omit.major-illness')!;
    expect(
      renderExplanation(rule.explanation, {
        name: '王*明',
        statuses: '低保对象',
        start: '2026-03-02',
        outOfPocketYuan: '8,200.00',
        days: 30,
        dueAt: '2026-04-01',
        programs: '医疗救助、临时救助或慈善医疗救助',
      }),
    ).toBe(
      '王*明（低保对象）于 2026-03-02 住院，个人自付 8,200.00 元，30 天内（至 2026-04-01）未获医疗救助、临时救助或慈善医疗救助，可能遗漏医疗救助，请核实。',
    );
  });

  it('throws on a placeholder without a value instead of showing the raw brace to a caseworker', () => {
    expect(() => renderExplanation('{name} 未获{programs}', { name: '王*明' })).toThrow(
      'explanation placeholder {programs} has no value',
    );
  });
});
