// Types for security-headers.mjs.
export function securityHeaders(dev: boolean): { key: string; value: string }[];
