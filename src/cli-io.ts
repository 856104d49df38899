/** What the command line reads and writes, so that tests run the commands in process with their own. */
import * as fs from 'fs';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or stdin for "-". */
  read(file: string): string;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  read: (file) => fs.readFileSync(file === '-' ? 0 : file, 'utf8'),
};
