import { HBA_MAJORS, type HbaMajor } from '../../language/formats/pghba/types';
import { embeddedPostgresMissing } from '../pg/embedded';

/** A differential run started from the command line: its exit code, or 1 with the error printed. */
export function runAsScript(main: () => Promise<number>): void {
  main().then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/**
 * Runs `run` for each major asked for (`--major`, else every one), a major whose embedded binaries are missing
 * counting as a failure; the exit code: 1 when any failed or differed.
 */
export async function everyMajor(asked: number[], run: (major: HbaMajor) => Promise<boolean>): Promise<number> {
  let failed = false;
  for (const major of asked.length ? (asked as HbaMajor[]) : HBA_MAJORS) {
    const missing = embeddedPostgresMissing(major);
    if (missing) console.log(`PostgreSQL ${major}: not available (${missing})`);
    const differs = missing ? true : await run(major);
    failed ||= differs;
  }
  return failed ? 1 : 0;
}
