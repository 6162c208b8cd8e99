import { maskAddress, maskIdNumber, maskName, maskPhone } from '@hub/identity';
import { maskPersonalText } from '@hub/identity';
import { maskMessageValue, maskPersonalFields } from './personal-fields';

describe('personal fields masked', () => {
  it('masks names, ID numbers, phones and addresses the way alerts show them', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('王明')).toBe('王*');
    expect(maskName('欧阳翠花')).toBe('欧**花');
    expect(maskName('阿依古丽·买买提')).toBe('阿******提');
    expect(maskIdNumber('33050219800101123X')).toBe('330502********123X');
    expect(maskIdNumber('330502800101123')).toBe('330502*****1123');
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskAddress('浙江省湖州市吴兴区朝阳街道')).toBe('浙江省湖州市****');
  });

  it('masks the identity block of contract section 4 at any depth, and nothing else', () => {
    const event = {
      id: 'e-1',
      source: '/330502/civil-affairs/dibao',
      data: {
        benefitId: 'MZ-1',
        person: {
          sourcePersonId: 'MZ-P-1',
          name: '王小明',
          idNumber: '33050219800101123X',
          phone: '13800001234',
          address: '浙江省湖州市吴兴区朝阳街道',
          birthDate: '1980-01-01',
          hukouRegion: '330502',
        },
      },
    };
    expect(maskPersonalFields(event)).toEqual({
      id: 'e-1',
      source: '/330502/civil-affairs/dibao',
      data: {
        benefitId: 'MZ-1',
        person: {
          sourcePersonId: 'MZ-P-1',
          name: '王*明',
          idNumber: '330502********123X',
          phone: '138****1234',
          address: '浙江省湖州市****',
          birthDate: '1980-**-**',
          hukouRegion: '330502',
        },
      },
    });
  });

  it('masks text that is not JSON by shape, and never shows bytes that are not text', () => {
    expect(maskPersonalText('{"name":"王小明","idNumber":"33050219800101123X","phone":"13800001234"')).toBe(
      '{"name":"王*明","idNumber":"330502********123X","phone":"138****1234"',
    );
    expect(maskMessageValue(Buffer.from('{"person":{"name":"李四"}}'))).toEqual({
      format: 'json',
      value: { person: { name: '李*' } },
    });
    expect(maskMessageValue(Buffer.from('not json 张三丰'))).toEqual({ format: 'text', value: 'not json 张*丰' });
    expect(maskMessageValue(Buffer.from([0x0a, 0x03, 0xe7, 0x8e, 0x8b, 0xff, 0x00]))).toEqual({
      format: 'binary',
      bytes: 7,
    });
    expect(maskMessageValue(null)).toEqual({ format: 'empty' });
  });
});
