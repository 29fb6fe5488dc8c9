import type { Command } from 'commander';
import { registerSite } from './site';
import { registerReview } from './review';
import { registerValidate } from './validate';

/** A subcommand adds itself to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand of `imgref`, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [registerSite, registerReview, registerValidate];
