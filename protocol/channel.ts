// Channel kinds and conversation states shared by hub, console, widget and integrators.
import { z } from 'zod'

export const CHANNEL_KINDS = ['webchat', 'messenger', 'telegram', 'email', 'sms', 'voice', 'form'] as const
export const ChannelKind = z.enum(CHANNEL_KINDS)
export type ChannelKind = z.infer<typeof ChannelKind>

export const CONVERSATION_STATUSES = ['queued', 'offered', 'assigned', 'pending', 'snoozed', 'resolved'] as const
export const ConversationStatus = z.enum(CONVERSATION_STATUSES)
export type ConversationStatus = z.infer<typeof ConversationStatus>

export const ROLES = ['consultant', 'second_line', 'supervisor', 'admin'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>
