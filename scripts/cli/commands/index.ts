import type { Command } from '../command.js';
import { citationsCommand } from './citations.js';
import { completionCommand } from './completion.js';
import { datasetsCommand } from './datasets.js';
import { demoCommand } from './demo.js';
import { guardCommand } from './guard.js';
import { initCommand } from './init.js';
import { locksCommand } from './locks.js';
import { regenerateCommand } from './regenerate.js';
import { renderCommand } from './render.js';
import { reviewCommand } from './review.js';
import { reviewImagesCommand, scanTextCommand } from './scan-text.js';
import { scenariosCommand } from './scenarios.js';
import { schemasCommand } from './schemas.js';
import { synthCommand } from './synth.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: Command[] = [
  initCommand,
  validateCommand,
  guardCommand,
  reviewCommand,
  schemasCommand,
  synthCommand,
  datasetsCommand,
  citationsCommand,
  scenariosCommand,
  regenerateCommand,
  verifyCommand,
  locksCommand,
  renderCommand,
  demoCommand,
  scanTextCommand,
  reviewImagesCommand,
  completionCommand,
];
