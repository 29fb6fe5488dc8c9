import type { Command } from 'commander';
import { registerConvert } from './convert';
import { registerReview } from './review';
import { registerServe } from './serve';
import { registerSite } from './site';
import { registerValidate } from './validate';

/** A subcommand adds itself to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand of `imgref`, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [registerValidate, registerServe, registerReview, registerConvert, registerSite];
