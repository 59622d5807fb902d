export const SERVICE_NAME = 'users';
export const API_VERSION = 'v1';
export const LOG_FORMAT = 'short';
