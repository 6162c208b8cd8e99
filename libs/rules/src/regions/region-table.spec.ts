import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadRegionTable } from './region-table';

const fileWith = (text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'regions-')), 'regions.yaml');
  writeFileSync(file, text);
  return file;
};

describe('loadRegionTable', () => {
  it('reads the default table: the districts of the demo population by name', () => {
    expect(loadRegionTable()).toEqual(
      expect.arrayContaining([
        { code: '330502', name: '吴兴区' },
        { code: '330523', name: '安吉县' },
      ]),
    );
  });

  it('takes townships and villages, and names every wrong entry at once', () => {
    expect(loadRegionTable(fileWith('regions:\n  "330502001": 朝阳街道\n  "330502001001": 某社区\n'))).toHaveLength(2);
    expect(() => loadRegionTable(fileWith('regions:\n  "3305": 短\n  "330503": ""\n'))).toThrow(
      /3305: not a region code[\s\S]*330503: needs a name/,
    );
    expect(() => loadRegionTable(fileWith('330502: 吴兴区\n'))).toThrow(/needs a mapping "regions"/);
  });
});
