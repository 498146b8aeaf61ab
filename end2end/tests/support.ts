import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const dataDir = process.env.BAYLINE_DATA_DIR ?? resolve(__dirname, "../../../shared/data");

/** Whether the current project runs without JavaScript. */
export function noJs(): boolean {
  return test.info().project.name === "no-js";
}

/**
 * Fails the test on any console error or uncaught exception: a CSP violation, a failed
 * hydration or a missing asset all show up here.
 */
export function watchConsole(page: Page): () => void {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return () => expect(problems, "console errors").toEqual([]);
}

/** Resolves once the WebAssembly client has hydrated the page. */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** Parses a CSV file with quoted fields (enough for the official files' shape). */
export function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { cells.push(cell); cell = ""; }
      else cell += c;
    }
    cells.push(cell);
    return cells;
  };
  const header = split(lines[0]).map((h) => h.trim().toUpperCase());
  return lines.slice(1).map((line) => {
    const cells = split(line);
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()]));
  });
}

export const formatCount = (n: number): string => n.toLocaleString("en-US");
