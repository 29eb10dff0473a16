export const RESTORE_PATH: string
export const RESTORE_UPLOAD_MAX_BYTES: number
export const RESTORE_JSON_MAX_BYTES: number
export const RESTORE_MAX_COMPRESSION_RATIO: number
export const RESTORE_BUSY_RETRY_AFTER_SECONDS: number
