// Size limits that hub, console and widget agree on, so a client can refuse before sending.
export const MAX_MESSAGE_CHARS = 4000
/** A WebSocket frame larger than this is answered with an error frame and ignored. */
export const MAX_FRAME_BYTES = 16 * 1024
/** Heartbeat period for client pings; the hub drops sockets silent for three periods. */
export const HEARTBEAT_MS = 25_000
