import { parseSource, sourceDepartmentSql } from './source-path';

describe('parseSource', () => {
  it('reads region, department and system', () => {
    expect(parseSource('/330502/civil-affairs/dibao')).toEqual({
      region: '330502',
      department: 'civil-affairs',
      system: 'dibao',
    });
    expect(parseSource('/330502/charity/c001')).toEqual({ region: '330502', department: 'charity', system: 'c001' });
    expect(parseSource('/hub/detector/x.y_z~1')).toEqual({ region: 'hub', department: 'detector', system: 'x.y_z~1' });
  });

  it('refuses what is not /<region>/<department>/<system>', () => {
    for (const source of [
      '',
      '/',
      '330502/civil-affairs/dibao',
      '/330502/civil-affairs',
      '/330502/civil-affairs/dibao/extra',
      '/330502//dibao',
      '/330502/Civil/dibao',
      '/330502/civil-affairs/di bao',
      '/3305/02/civil-affairs/dibao',
    ]) {
      expect(parseSource(source)).toBeNull();
    }
  });

  it('names in SQL the part it reads as the department (split_part counts from 1, after the empty part before the first slash)', () => {
    expect(sourceDepartmentSql("e->>'source'")).toBe("split_part(e->>'source', '/', 3)");
  });
});
