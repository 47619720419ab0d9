// The stand-in GitHub the tests use: the one the demo ships (src/demo), under the tests' names.
export { StandInGitHub as FakeGitHub } from "../../src/demo/stand-in-github.js";
export type {
  RecordedRequest,
  StandInPull as FakePull,
  StandInRepo as FakeRepo,
} from "../../src/demo/stand-in-github.js";
