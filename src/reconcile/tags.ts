/** The tags tend puts on every instance it creates (docs/commands.md: Drift). */
export const TAG_GROUP = 'tend.group';
export const TAG_CONFIG_SHA = 'tend.config_sha';
export const TAG_LOGICAL_ID = 'tend.logical_id';
export const TAG_REVISION = 'tend.revision';
/** Creation time (ISO 8601), so that cattle scale down newest first. */
export const TAG_CREATED = 'tend.created';
