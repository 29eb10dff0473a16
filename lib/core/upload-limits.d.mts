export const RESTORE_PATH: string
export const RESTORE_UPLOAD_MAX_BYTES: number
export const RESTORE_JSON_MAX_BYTES: number
