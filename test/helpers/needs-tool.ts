/**
 * A test that needs an outside tool (a Debian package) runs where the tool is and, where it is not,
 * says so: its title ends in "(skipped: … not installed)" and a note is printed when the file loads,
 * so a skip never passes silently. `.ci/run` installs every tool and sets CM_REQUIRE_ALL_TOOLS=1, and
 * there a missing tool fails the test file instead of skipping it.
 */
export interface ToolRequirement {
  /** True when the tool is missing (pass to it.skipIf / describe.skipIf). */
  skip: boolean;
  /** The title, with the reason appended when skipped. */
  title(title: string): string;
}

/** `what` names the package(s) to install; `present` says whether the tool was found. */
export function needsTool(what: string, present: boolean): ToolRequirement {
  if (!present && process.env.CM_REQUIRE_ALL_TOOLS === '1')
    throw new Error(
      `${what} is not installed, and CM_REQUIRE_ALL_TOOLS=1 forbids skipping (.ci/run installs it)`,
    );
  if (!present) console.warn(`skipped: ${what} not installed`);
  return {
    skip: !present,
    title: (title) => (present ? title : `${title} (skipped: ${what} not installed)`),
  };
}
