// What commands/ may use of the core: the command definition, its context and the errors whose
// message the router replies as is. Nothing else of src/core is theirs.
export { commandWord, defineCommand, type BoardLinks, type BoundProject, type CommandContext, type CommandDefinition, type CommandReply, type Place, type Who } from './command.ts'
export { UsageError, UserFacingError } from './errors.ts'
export type { ChatMessage } from './chat-message.ts'
