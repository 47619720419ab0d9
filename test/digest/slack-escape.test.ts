import fc from "fast-check";
import { escapeSlack, plainSlackText, slackLink } from "../../src/digest/slack-escape.js";

const ZWSP = "\u200b";

describe("escapeSlack", () => {
  it("escapes the three characters Slack reserves", () => {
    expect(escapeSlack("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
  });

  it("turns special mentions and links into inert text", () => {
    expect(escapeSlack("<!channel>")).toBe(`&lt;${ZWSP}!channel&gt;`);
    expect(escapeSlack("<@U123>")).toBe(`&lt;${ZWSP}@${ZWSP}U123&gt;`);
    expect(escapeSlack("<https://evil|click>")).toBe(`&lt;https:${ZWSP}//evil|click&gt;`);
  });

  it("breaks @here, @channel and @everyone with a zero-width space", () => {
    expect(escapeSlack("ping @here @channel @everyone")).toBe(
      `ping @${ZWSP}here @${ZWSP}channel @${ZWSP}everyone`,
    );
  });

  it("keeps formatting characters, which cannot ping or link", () => {
    expect(escapeSlack("*bold* _it_ ~s~")).toBe("*bold* _it_ ~s~");
  });

  it("strips control and bidi-override characters and joins lines", () => {
    expect(escapeSlack("a\u0000b\u202ec\r\nd\te")).toBe("abc d e");
  });

  it("strips a zero-width space the input used to hide a mention, then re-breaks it", () => {
    expect(escapeSlack(`@${ZWSP}here`)).toBe(`@${ZWSP}here`);
  });

  it("never leaves an angle bracket or an unbroken broadcast mention, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeSlack(text);
        expect(escaped).not.toMatch(/[<>\p{Cc}]/u);
        expect(escaped).not.toMatch(/@(here|channel|everyone)/i);
      }),
    );
  });
});

describe("plainSlackText", () => {
  it("keeps angle brackets, which plain text shows as they are, and breaks mentions", () => {
    expect(plainSlackText("a <b> @here\nx <!channel>")).toBe(
      `a <b> @${ZWSP}here x <${ZWSP}!channel>`,
    );
  });
});

describe("slackLink", () => {
  it("links an http(s) URL with an escaped label", () => {
    expect(slackLink("https://github.com/acme/api/pull/1", "<!here> fix")).toBe(
      `<https://github.com/acme/api/pull/1|&lt;${ZWSP}!here&gt; fix>`,
    );
  });

  it("encodes characters that would end the link early", () => {
    expect(slackLink("https://x.test/a|b>c?q=<d>&e=1", "x")).toBe(
      "<https://x.test/a%7Cb%3Ec?q=%3Cd%3E&amp;e=1|x>",
    );
  });

  it("shows only the label for URLs that are not http(s)", () => {
    expect(slackLink("javascript:alert(1)", "click")).toBe("click");
    expect(slackLink("not a url", "click")).toBe("click");
  });

  it("falls back to the escaped URL when the label is empty", () => {
    expect(slackLink("https://x.test/", " ")).toBe(`<https://x.test/|https:${ZWSP}//x.test/>`);
  });
});
