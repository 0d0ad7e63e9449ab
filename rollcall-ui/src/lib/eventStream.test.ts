import { describe, expect, it } from "vitest";
import { EventStreamParser } from "./eventStream";

describe("EventStreamParser", () => {
  it("joins data lines and names events", () => {
    const parser = new EventStreamParser();

    expect(parser.push("event: progress\ndata: {\"a\":1,\ndata: \"b\":2}\nid: 7\n\n")).toEqual([{ event: "progress", data: '{"a":1,\n"b":2}', id: "7" }]);
  });

  it("keeps an event split across chunks until its blank line arrives", () => {
    const parser = new EventStreamParser();

    expect(parser.push("data: hel")).toEqual([]);
    expect(parser.push("lo\r\n")).toEqual([]);
    expect(parser.push("\r\ndata: two\n\n")).toEqual([
      { event: "message", data: "hello", id: undefined },
      { event: "message", data: "two", id: undefined },
    ]);
  });

  it("ignores comments and events without data", () => {
    const parser = new EventStreamParser();

    expect(parser.push(": keep-alive\n\nevent: ping\n\n")).toEqual([]);
  });
});
