// The wire contract, in one import for hub and console.
export * from './channel.ts'
export * from './limits.ts'
export * from './rest.ts'
export * from './frames.ts'
export * from './attachments.ts'
export * from './reply-window.ts'
export * from './channel-limits.ts'
