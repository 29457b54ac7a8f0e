/** Injection tokens for what the API is handed at start-up. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TEMPORAL = Symbol('TEMPORAL');
export const LOGGER = Symbol('LOGGER');
export const NOMINATION_GATEWAY = Symbol('NOMINATION_GATEWAY');
export const PROCESS_GATEWAY = Symbol('PROCESS_GATEWAY');
