/**
 * The part of the Docker Engine API (1.41) a spec may set, as JSON Schema: the container config
 * (`Config`) and the host config (`HostConfig`), each field with its type, unknown fields refused.
 * Written from the Engine API's description of `POST /containers/create`, since no package ships
 * it; fields the engine sets itself (Hostname's defaults, Labels beside tend's) stay settable.
 */
const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const strings = { type: 'array', items: str };
/** Cmd, Entrypoint: the engine takes a list or, like a shell line, one string. */
const command = { anyOf: [str, strings] };
const stringMap = { type: 'object', additionalProperties: str };
const emptyObjects = { type: 'object', additionalProperties: { type: 'object', maxProperties: 0 } };
const objects = { type: 'array', items: { type: 'object' } };
const nullableInt = { type: ['integer', 'null'] };
const nullableBool = { type: ['boolean', 'null'] };
/** Durations of a health check, in nanoseconds. */
const nanos = { type: 'integer', minimum: 0 };

const healthcheck = {
  type: 'object',
  additionalProperties: false,
  properties: { Test: strings, Interval: nanos, Timeout: nanos, Retries: { type: 'integer', minimum: 0 }, StartPeriod: nanos },
};

const containerConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['Image'],
  properties: {
    Hostname: str,
    Domainname: str,
    User: str,
    AttachStdin: bool,
    AttachStdout: bool,
    AttachStderr: bool,
    ExposedPorts: emptyObjects,
    Tty: bool,
    OpenStdin: bool,
    StdinOnce: bool,
    Env: { type: 'array', items: { type: 'string', pattern: '^[^=]+' } },
    Cmd: command,
    Healthcheck: healthcheck,
    ArgsEscaped: bool,
    Image: { type: 'string', minLength: 1 },
    Volumes: emptyObjects,
    WorkingDir: str,
    Entrypoint: command,
    NetworkDisabled: bool,
    MacAddress: str,
    OnBuild: strings,
    Labels: stringMap,
    StopSignal: str,
    StopTimeout: { type: 'integer', minimum: 0 },
    Shell: strings,
  },
} as const;

const portBinding = { type: 'object', additionalProperties: false, properties: { HostIp: str, HostPort: str } };
const weightDevice = { type: 'array', items: { type: 'object', additionalProperties: false, properties: { Path: str, Weight: int } } };
const throttleDevice = { type: 'array', items: { type: 'object', additionalProperties: false, properties: { Path: str, Rate: int } } };

const hostConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    CpuShares: int,
    Memory: int,
    CgroupParent: str,
    BlkioWeight: { type: 'integer', minimum: 0, maximum: 1000 },
    BlkioWeightDevice: weightDevice,
    BlkioDeviceReadBps: throttleDevice,
    BlkioDeviceWriteBps: throttleDevice,
    BlkioDeviceReadIOps: throttleDevice,
    BlkioDeviceWriteIOps: throttleDevice,
    CpuPeriod: int,
    CpuQuota: int,
    CpuRealtimePeriod: int,
    CpuRealtimeRuntime: int,
    CpusetCpus: str,
    CpusetMems: str,
    Devices: objects,
    DeviceCgroupRules: strings,
    DeviceRequests: objects,
    KernelMemory: int,
    KernelMemoryTCP: int,
    MemoryReservation: int,
    MemorySwap: int,
    MemorySwappiness: { type: 'integer', minimum: -1, maximum: 100 },
    NanoCpus: int,
    OomKillDisable: bool,
    Init: nullableBool,
    PidsLimit: nullableInt,
    Ulimits: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { Name: str, Soft: int, Hard: int } } },
    CpuCount: int,
    CpuPercent: int,
    IOMaximumIOps: int,
    IOMaximumBandwidth: int,
    Binds: strings,
    ContainerIDFile: str,
    LogConfig: { type: 'object', additionalProperties: false, properties: { Type: str, Config: stringMap } },
    NetworkMode: str,
    PortBindings: { type: 'object', additionalProperties: { type: ['array', 'null'], items: portBinding } },
    RestartPolicy: {
      type: 'object',
      additionalProperties: false,
      properties: { Name: { enum: ['', 'no', 'always', 'unless-stopped', 'on-failure'] }, MaximumRetryCount: int },
    },
    AutoRemove: bool,
    VolumeDriver: str,
    VolumesFrom: strings,
    Mounts: objects,
    ConsoleSize: { type: ['array', 'null'], items: int, minItems: 2, maxItems: 2 },
    CapAdd: strings,
    CapDrop: strings,
    CgroupnsMode: { enum: ['private', 'host'] },
    Dns: strings,
    DnsOptions: strings,
    DnsSearch: strings,
    ExtraHosts: strings,
    GroupAdd: strings,
    IpcMode: str,
    Cgroup: str,
    Links: strings,
    OomScoreAdj: int,
    PidMode: str,
    Privileged: bool,
    PublishAllPorts: bool,
    ReadonlyRootfs: bool,
    SecurityOpt: strings,
    StorageOpt: stringMap,
    Tmpfs: stringMap,
    UTSMode: str,
    UsernsMode: str,
    ShmSize: { type: 'integer', minimum: 0 },
    Sysctls: stringMap,
    Runtime: str,
    Isolation: { enum: ['default', 'process', 'hyperv', ''] },
    MaskedPaths: strings,
    ReadonlyPaths: strings,
  },
} as const;

/** The instance properties of the docker plugin: InfraKit's docker plugin's `Config`, `HostConfig` and `Tags`. */
export const dockerPropertiesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['Config'],
  properties: {
    Config: containerConfigSchema,
    HostConfig: hostConfigSchema,
    Tags: stringMap,
  },
} as const;
