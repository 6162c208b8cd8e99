import { BlockKeyIndex } from './block-key-index';

describe('BlockKeyIndex', () => {
  it('keeps the records under each key, and lets one go', () => {
    const index = new BlockKeyIndex();
    index.add('nry:王伟|330502|1966', 'civil|1');
    index.add('nry:王伟|330502|1966', 'health|7');
    index.add('ph:13905721234', 'civil|1');
    index.delete('nry:王伟|330502|1966', 'civil|1');
    expect([...index.get('nry:王伟|330502|1966')]).toEqual(['health|7']);
    expect([...index.get('ph:13905721234')]).toEqual(['civil|1']);
    expect([...index.get('id:330502196606061234')]).toEqual([]);
  });
});
