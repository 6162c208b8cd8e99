import { MAX_LOCAL_INSTANCES, instanceCount, instancePorts } from './service-instances';

describe('local instance counts', () => {
  it('reads <SERVICE>_INSTANCES, one by default, and refuses what is not a small whole number, naming the setting', () => {
    expect(instanceCount({}, 'matcher')).toBe(1);
    expect(instanceCount({ MATCHER_INSTANCES: '2' }, 'matcher')).toBe(2);
    expect(instanceCount({ MATCHER_INSTANCES: '2' }, 'detector')).toBe(1);
    for (const bad of ['0', '1.5', 'two', String(MAX_LOCAL_INSTANCES + 1)])
      expect(() => instanceCount({ DETECTOR_INSTANCES: bad }, 'detector')).toThrow(
        /DETECTOR_INSTANCES must be a whole number/,
      );
  });

  it('puts further processes 10 ports apart, clear of the other services (3100-3103)', () => {
    expect(instancePorts(3102, 3)).toEqual([3102, 3112, 3122]);
    const all = [3101, 3102, 3103].flatMap((p) => instancePorts(p, MAX_LOCAL_INSTANCES));
    expect(new Set([...all, 3100]).size).toBe(all.length + 1);
  });
});
