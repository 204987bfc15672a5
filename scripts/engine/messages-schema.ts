/**
 * The `messages` section of the coaching config: the spaced schedule of programme messages and
 * the quick wins the sync proposes. Build time and sync only: the browser bundle imports the
 * inferred types, never this module's code (zod).
 */
import { z } from 'zod';

const posInt = z.number().int().positive();

export const messagesSchema = z.strictObject({
  /** Hours an unacknowledged message waits after each showing; the last gap repeats. */
  reshowHours: z.array(posInt).min(1),
  /** Programme messages shown per user and day at most (within the nudge budget). */
  perDay: posInt,
  /** The sync proposes deals won in this many days before its day. */
  quickWinLookbackDays: posInt,
  /** Proposals kept per run, largest deal first, one per rep. */
  maxQuickWins: posInt
});
