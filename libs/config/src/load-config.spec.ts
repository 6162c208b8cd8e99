import { IsInt, Max, Min, MinLength } from 'class-validator';
import 'reflect-metadata';
import { CommonSettings } from './common-settings';
import { ConfigError, loadConfig } from './load-config';

class ExampleSettings extends CommonSettings {
  @IsInt() @Min(1) @Max(64) PARTITIONS: number = 6;
}

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const c = loadConfig(ExampleSettings, {
      DATABASE_URL: 'postgres://u@h/db',
      PARTITIONS: '12',
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect(c.PARTITIONS).toBe(12);
    expect(c.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(c.TOPIC_NAMESPACE).toBe('');
  });

  it('names the wrong setting', () => {
    expect(() => loadConfig(ExampleSettings, { DATABASE_URL: 'postgres://u@h/db', PARTITIONS: '0' })).toThrow(
      /PARTITIONS="?0"?/,
    );
    expect(() => loadConfig(ExampleSettings, { DATABASE_URL: 'postgres://u@h/db', KAFKA_BROKERS: 'nohost' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(ExampleSettings, {})).toThrow(/DATABASE_URL/);
  });

  it('names a wrong secret setting without echoing its value', () => {
    class SecretSettings extends CommonSettings {
      @MinLength(12) SOME_PASSWORD: string = 'a long enough default';
    }
    expect(() => loadConfig(SecretSettings, { DATABASE_URL: 'postgres://u@h/db', SOME_PASSWORD: 'hunter2' })).toThrow(
      /SOME_PASSWORD=\(hidden\)/,
    );
    expect(() =>
      loadConfig(SecretSettings, { DATABASE_URL: 'postgres://u@h/db', SOME_PASSWORD: 'hunter2' }),
    ).not.toThrow(/hunter2/);
  });

  it('masks the credentials of a wrong URL (a jdbc: DATABASE_URL would otherwise put its password in the logs)', () => {
    const wrong = () => loadConfig(CommonSettings, { DATABASE_URL: 'jdbc:postgresql://hub:s3cret@db:5432/hub' });
    expect(wrong).toThrow(/DATABASE_URL="jdbc:postgresql:\/\/\*\*\*@db:5432\/hub"/);
    expect(wrong).not.toThrow(/s3cret/);
  });
});

describe('yes/no settings (settingFlag)', () => {
  it('reads "false" as no: implicit conversion alone made it yes (INTAKE_FROM_BEGINNING=false was ignored)', () => {
    expect(
      loadConfig(CommonSettings, {
        DATABASE_URL: 'postgres://h@127.0.0.1/h',
        KAFKA_MANAGE_TOPICS: 'false',
        KAFKA_TLS: 'true',
      }),
    ).toMatchObject({ KAFKA_MANAGE_TOPICS: false, KAFKA_TLS: true });
    expect(
      loadConfig(CommonSettings, {
        DATABASE_URL: 'postgres://h@127.0.0.1/h',
        KAFKA_MANAGE_TOPICS: '0',
        KAFKA_TLS: '1',
      }),
    ).toMatchObject({ KAFKA_MANAGE_TOPICS: false, KAFKA_TLS: true });
  });
  it('keeps the default when unset', () => {
    expect(loadConfig(CommonSettings, { DATABASE_URL: 'postgres://h@127.0.0.1/h' })).toMatchObject({
      KAFKA_MANAGE_TOPICS: true,
      KAFKA_TLS: false,
    });
  });
});
