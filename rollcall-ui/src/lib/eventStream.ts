// Server-sent events over fetch: EventSource cannot send an Authorization header, so the dashboard
// reads text/event-stream itself with the session's bearer token.
import { apiFetch } from "./api";

export interface ServerEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits a text/event-stream into events (WHATWG HTML "server-sent events" parsing: `field: value`
 * lines, a blank line ends an event, `data` lines join with newlines, `:` lines are comments).
 * Feed it chunks as they arrive; it keeps the incomplete tail for the next chunk.
 */
export class EventStreamParser {
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | undefined;

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const events: ServerEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === "") {
        if (this.data.length > 0) events.push({ event: this.event || "message", data: this.data.join("\n"), id: this.id });
        this.data = [];
        this.event = "";
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") this.data.push(value);
      else if (field === "event") this.event = value;
      else if (field === "id") this.id = value;
    }
    return events;
  }
}

/**
 * Opens an event stream and calls {@code onEvent} for each event until the signal aborts or the
 * server ends the stream. Rejects with the ApiError of a failed open (a 404 means the server offers
 * no such stream).
 */
export async function readEventStream(path: string, onEvent: (event: ServerEvent) => void, signal: AbortSignal): Promise<void> {
  const response = await apiFetch("GET", path, undefined, { signal, headers: { Accept: "text/event-stream" } });
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.push(value).forEach(onEvent);
    }
  } finally {
    reader.releaseLock();
  }
}
