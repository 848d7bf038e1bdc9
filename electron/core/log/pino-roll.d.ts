// pino-roll 4 ships no types: the part of its options the wall uses (node_modules/pino-roll/pino-roll.js).
declare module 'pino-roll' {
  import type { SonicBoom, SonicBoomOpts } from 'sonic-boom';
  interface PinoRollOptions extends SonicBoomOpts {
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
  }
  export default function roll(options: PinoRollOptions): Promise<SonicBoom>;
}
