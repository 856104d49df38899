import { parsePlan, PlanParseError } from '../../src/doctor/plan/parse';

describe('parsePlan', () => {
  const refuses = (text: string, pattern: RegExp) => {
    expect(() => parsePlan(text)).toThrow(PlanParseError);
    expect(() => parsePlan(text)).toThrow(pattern);
  };

  it('accepts the JSON of a plan', () => {
    expect(parsePlan(JSON.stringify({ format_version: '1.2', resource_changes: [] })).resource_changes).toEqual([]);
  });

  it('refuses what is recognisably something else, saying how to produce the right input', () => {
    refuses('PK\u0003\u0004binary', /binary plan file.*terraform show -json/);
    refuses('', /empty/);
    refuses('{"@level":"info","@message":"Terraform 1.11.4"}\n{"@level":"info"}', /terraform plan -json/);
    refuses('not json', /not JSON/);
    refuses('[]', /JSON object/);
    refuses('{"name":"efs-modules"}', /no format_version/);
    refuses('{"format_version":"2.0","resource_changes":[]}', /unsupported format_version 2.0/);
    refuses('{"format_version":"1.0","values":{}}', /JSON of a state/);
  });
});
