// The stand-in GitHub's reviewer-assignment endpoints (src/demo), under the tests' names.
export { StandInAssignmentApi as FakeAssignmentApi } from "../../src/demo/stand-in/github-assignment.js";
