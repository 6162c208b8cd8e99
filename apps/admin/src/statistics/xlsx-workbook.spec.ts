import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { xlsxWorkbook } from './xlsx-workbook';

/** The entries of a zip, read back from its central directory. */
function unzip(archive: Buffer): Map<string, string> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const packed = archive.readUInt32LE(at + 20);
    const start = local + 30 + archive.readUInt16LE(local + 26);
    entries.set(name, inflateRawSync(archive.subarray(start, start + packed)).toString('utf8'));
    at += 46 + nameLength;
  }
  return entries;
}

describe('xlsx workbook (月度报表 export)', () => {
  const book = xlsxWorkbook([
    {
      name: '救助人数与金额',
      rows: [
        ['县', '项目', '人数', '金额（元）'],
        ['330502', '低保金 <&>', 12, 10680.5],
        [null, '', 0, 0],
      ],
    },
    { name: '部门数据质量', rows: [['部门'], ['civil-affairs']] },
  ]);

  it('holds the parts a spreadsheet program needs, one worksheet a sheet', () => {
    const parts = unzip(book);
    expect([...parts.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    expect(parts.get('xl/workbook.xml')).toContain('<sheet name="救助人数与金额" sheetId="1" r:id="rId1"/>');
  });

  it('writes text as inline strings (escaped) and numbers as numbers, leaving empty cells out', () => {
    const sheet = unzip(book).get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">低保金 &lt;&amp;&gt;</t></is></c>');
    expect(sheet).toContain('<c r="D2"><v>10680.5</v></c>');
    expect(sheet).toContain('<row r="3"><c r="C3"><v>0</v></c><c r="D3"><v>0</v></c></row>');
  });

  it('is a zip the system unzip reads without complaint', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'xlsx-')), 'report.xlsx');
    writeFileSync(file, book);
    // python3's zipfile checks every CRC (testzip answers None when all are right).
    expect(
      execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', file])
        .toString()
        .trim(),
    ).toBe('None');
  });
});
