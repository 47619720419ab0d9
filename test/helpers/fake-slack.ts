// The stand-in Slack the tests use: the one the demo ships (src/demo), under the tests' names.
export {
  StandInSlack as FakeSlack,
  SLACK_WEBHOOK_PATH as WEBHOOK_PATH,
} from "../../src/demo/stand-in-slack.js";
export type { PostedSlackMessage, SlackCall } from "../../src/demo/stand-in-slack.js";
