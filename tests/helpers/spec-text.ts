/** A small cattle group spec as YAML, for end-to-end tests. */
export function cattleYaml(
  id: string,
  size: number,
  options: { note?: string; maxUnavailable?: number; maxSurge?: number; mode?: string } = {},
): string {
  const updating =
    options.maxUnavailable !== undefined || options.maxSurge !== undefined
      ? `  Updating:\n    MaxUnavailable: ${options.maxUnavailable ?? 1}\n    MaxSurge: ${options.maxSurge ?? 0}\n`
      : '';
  return [
    `ID: ${id}`,
    'Properties:',
    '  Allocation:',
    `    Size: ${size}`,
    '  Instance:',
    '    Plugin: instance-file',
    '    Properties:',
    `      Note: ${JSON.stringify(options.note ?? 'v1')}`,
    '  Flavor:',
    '    Plugin: flavor-vanilla',
    '    Properties:',
    '      Init: [echo hello]',
    '      Tags: {tier: web}',
    updating + (options.mode ? `  Mode: ${options.mode}\n` : ''),
  ].join('\n');
}

/** The InfraKit hello world (2016 form: Size under Flavor.Properties), as data. */
export const HELLO_WORLD_SPEC = {
  ID: 'garethr',
  Properties: {
    Instance: { Plugin: 'instance-file', Properties: { Note: 'Instance properties version 1.0' } },
    Flavor: {
      Plugin: 'flavor-vanilla',
      Properties: {
        Size: 1,
        Init: ['docker pull nginx:alpine', 'docker run -d -p 80:80 nginx-alpine'],
        Tags: { tier: 'web', project: 'infrakit' },
      },
    },
  },
};

/** The hello world as a spec file would hold it. */
export const HELLO_WORLD = JSON.stringify(HELLO_WORLD_SPEC, null, 2);
