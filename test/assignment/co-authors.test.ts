import { coAuthorLogins } from "../../src/assignment/co-authors.js";

describe("coAuthorLogins", () => {
  it("reads logins from GitHub no-reply addresses in Co-authored-by trailers", () => {
    const messages = [
      "Add billing\n\nCo-authored-by: Eli Example <4242+Eli@users.noreply.github.com>",
      "Fix\n\nco-authored-by: fay <fay@users.noreply.github.com>\nCo-Authored-By: Eli <1+eli@users.noreply.github.com>",
    ];
    expect(coAuthorLogins(messages)).toEqual(["eli", "fay"]);
  });

  it("ignores other addresses, trailers without an address and mentions in the text", () => {
    const messages = [
      "Co-authored-by: Claude <noreply@anthropic.com>",
      "Co-authored-by: dana",
      "Thanks to gus@users.noreply.github.com for the idea",
      "Co-authored-by: X <x+evil@users.noreply.github.com.attacker.example>",
    ];
    expect(coAuthorLogins(messages)).toEqual([]);
  });
});
