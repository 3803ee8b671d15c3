/** Small helpers of the launcher: file reads that never throw (polling: ../poll.ts). */
import { readBoundedText } from '../../../core/nodeFileSystem';

/** An env_file's or secret's text (bounded: regular files within the size limit), undefined otherwise. */
export function nodeReadFile(path: string): string | undefined {
  return readBoundedText(path);
}
