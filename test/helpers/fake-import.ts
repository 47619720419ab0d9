// The stand-in GitHub's GraphQL import answers (src/demo), under the tests' names.
export {
  graphqlPull,
  StandInGraphqlApi as FakeImportApi,
} from "../../src/demo/stand-in/github-graphql.js";
