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
